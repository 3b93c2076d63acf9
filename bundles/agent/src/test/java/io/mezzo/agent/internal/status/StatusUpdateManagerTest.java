package io.mezzo.agent.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.testing.ManualClock;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusUpdateManagerTest {
    private static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw").build();
    private static final TaskID T1 = TaskID.newBuilder().setValue("t1").build();
    private static final TaskID T2 = TaskID.newBuilder().setValue("t2").build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StatusUpdateManager manager = new StatusUpdateManager(clock, Duration.ofSeconds(10),
            Duration.ofSeconds(40));

    private static TaskStatus status(TaskID task, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(task).setState(state).build();
    }

    @Test
    void onlyTheHeadOfATaskIsInFlightAndUpdatesGoOutInOrder() {
        Optional<AgentCall.Update> running = manager.update(FW, status(T1, TaskState.TASK_RUNNING));
        Optional<AgentCall.Update> finished = manager.update(FW, status(T1, TaskState.TASK_FINISHED));

        assertThat(running).isPresent();
        assertThat(running.get().getStatus().getUuid().size()).isEqualTo(16);
        assertThat(finished).as("waits behind the unacknowledged RUNNING").isEmpty();
        assertThat(manager.pendingCount()).isEqualTo(2);

        StatusUpdateManager.Acknowledged ack = manager.acknowledge(T1, running.get().getStatus().getUuid());

        assertThat(ack.ack()).isEqualTo(StatusUpdateStream.Ack.ACCEPTED);
        assertThat(ack.next()).map(u -> u.getStatus().getState()).contains(TaskState.TASK_FINISHED);
        assertThat(ack.next().get().getStatus().getUuid()).isNotEqualTo(running.get().getStatus().getUuid());
    }

    @Test
    void streamsOfDifferentTasksAreIndependent() {
        assertThat(manager.update(FW, status(T1, TaskState.TASK_RUNNING))).isPresent();
        assertThat(manager.update(FW, status(T2, TaskState.TASK_RUNNING))).isPresent();
    }

    @Test
    void headCarriesTheNewestStateAsLatestState() {
        AgentCall.Update running = manager.update(FW, status(T1, TaskState.TASK_RUNNING)).orElseThrow();
        assertThat(running.getLatestState()).isEqualTo(TaskState.TASK_RUNNING);

        manager.update(FW, status(T1, TaskState.TASK_FAILED));
        clock.advance(Duration.ofSeconds(10));

        assertThat(manager.due()).singleElement().satisfies(u -> {
            assertThat(u.getStatus().getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(u.getLatestState()).isEqualTo(TaskState.TASK_FAILED);
        });
    }

    @Test
    void unacknowledgedHeadIsResentWithDoublingCappedInterval() {
        ByteString uuid = manager.update(FW, status(T1, TaskState.TASK_RUNNING)).orElseThrow().getStatus().getUuid();

        clock.advance(Duration.ofSeconds(9));
        assertThat(manager.due()).as("before the first interval").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<AgentCall.Update> first = manager.due();
        assertThat(first).singleElement().satisfies(u -> assertThat(u.getStatus().getUuid()).isEqualTo(uuid));

        // intervals: 10 s, then 20 s, then 40 s (the cap), then 40 s again
        clock.advance(Duration.ofSeconds(19));
        assertThat(manager.due()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(manager.due()).hasSize(1);
        clock.advance(Duration.ofSeconds(40));
        assertThat(manager.due()).hasSize(1);
        clock.advance(Duration.ofSeconds(39));
        assertThat(manager.due()).as("capped at 40 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(manager.due()).hasSize(1);
    }

    @Test
    void acknowledgementOfAnotherUuidIsIgnored() {
        manager.update(FW, status(T1, TaskState.TASK_RUNNING));

        StatusUpdateManager.Acknowledged ack = manager.acknowledge(T1, StatusUpdateManager.randomUuid());

        assertThat(ack.ack()).isEqualTo(StatusUpdateStream.Ack.IGNORED);
        assertThat(manager.pendingCount()).isEqualTo(1);
        assertThat(manager.acknowledge(T2, StatusUpdateManager.randomUuid()).ack())
                .isEqualTo(StatusUpdateStream.Ack.IGNORED);
    }

    @Test
    void duplicateAcknowledgementDoesNotSkipTheNextUpdate() {
        ByteString first = manager.update(FW, status(T1, TaskState.TASK_RUNNING)).orElseThrow().getStatus().getUuid();
        manager.update(FW, status(T1, TaskState.TASK_FINISHED));
        manager.acknowledge(T1, first);

        assertThat(manager.acknowledge(T1, first).ack()).isEqualTo(StatusUpdateStream.Ack.IGNORED);
        assertThat(manager.pendingCount()).isEqualTo(1);
    }

    @Test
    void acknowledgedTerminalUpdateForgetsTheTask() {
        ByteString uuid = manager.update(FW, status(T1, TaskState.TASK_FINISHED)).orElseThrow().getStatus().getUuid();

        assertThat(manager.acknowledge(T1, uuid).ack()).isEqualTo(StatusUpdateStream.Ack.TERMINATED);
        assertThat(manager.stream(T1)).isEmpty();
        assertThat(manager.pendingCount()).isZero();
    }

    @Test
    void acknowledgedNonTerminalUpdateKeepsTheTaskWithItsLatestState() {
        ByteString uuid = manager.update(FW, status(T1, TaskState.TASK_RUNNING)).orElseThrow().getStatus().getUuid();

        manager.acknowledge(T1, uuid);
        clock.advance(Duration.ofMinutes(5));

        assertThat(manager.stream(T1)).map(StatusUpdateStream::latestState).contains(TaskState.TASK_RUNNING);
        assertThat(manager.due()).as("nothing left to resend").isEmpty();
    }

    @Test
    void resendAllSendsEveryHeadAtOnceWithAFreshBackoff() {
        manager.update(FW, status(T1, TaskState.TASK_RUNNING));
        manager.update(FW, status(T1, TaskState.TASK_FINISHED));
        manager.update(FW, status(T2, TaskState.TASK_RUNNING));

        assertThat(manager.resendAll()).extracting(u -> u.getStatus().getTaskId().getValue(),
                u -> u.getStatus().getState()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("t1", TaskState.TASK_RUNNING),
                        org.assertj.core.groups.Tuple.tuple("t2", TaskState.TASK_RUNNING));
        clock.advance(Duration.ofSeconds(9));
        assertThat(manager.due()).isEmpty();
    }

    @Test
    void restoredStreamsResendTheirPendingUpdatesInOrder() {
        AgentCall.Update running = manager.update(FW, status(T1, TaskState.TASK_RUNNING)).orElseThrow();
        manager.update(FW, status(T1, TaskState.TASK_FINISHED));
        StatusUpdateStream saved = manager.stream(T1).orElseThrow();

        StatusUpdateManager restarted = new StatusUpdateManager(clock, Duration.ofSeconds(10), Duration.ofSeconds(40));
        restarted.restore(FW, T1, saved.latestState(), saved.pending());

        List<AgentCall.Update> resent = restarted.due();
        assertThat(resent).singleElement().satisfies(u -> {
            assertThat(u.getStatus().getUuid()).as("same uuid as before the restart")
                    .isEqualTo(running.getStatus().getUuid());
            assertThat(u.getLatestState()).isEqualTo(TaskState.TASK_FINISHED);
        });
        StatusUpdateManager.Acknowledged ack = restarted.acknowledge(T1, running.getStatus().getUuid());
        assertThat(ack.next()).map(u -> u.getStatus().getState()).contains(TaskState.TASK_FINISHED);
    }
}
