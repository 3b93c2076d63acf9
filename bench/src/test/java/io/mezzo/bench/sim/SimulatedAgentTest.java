package io.mezzo.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtocol;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedAgentTest {
    private static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw").build();
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final List<AgentCall> sent = new ArrayList<>();
    private final List<Runnable> answers = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private long now;

    private SimulatedAgent agent(Duration taskDuration) {
        SimulatedAgent a = new SimulatedAgent(AgentInfo.newBuilder().setHostname("h").build(), taskDuration, RETRY,
                (delay, work) -> timers.add(work), () -> now, (call, answered) -> {
                    sent.add(call);
                    answers.add(answered);
                });
        a.onEvent(AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED).setSubscribed(
                AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue("a1"))).build());
        return a;
    }

    private static AgentEvent runTask(String id) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK).setRunTask(AgentEvent.RunTask.newBuilder()
                .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n").setId(FW))
                .setTask(TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                        .setAgentId(AgentID.newBuilder().setValue("a1")))).build();
    }

    private static AgentEvent ack(AgentCall update) {
        return ack(update, 0);
    }

    /** Acknowledges the {@code index}th update the call carried. */
    private static AgentEvent ack(AgentCall update, int index) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE).setAcknowledge(AgentEvent.Acknowledge
                .newBuilder().setFrameworkId(FW).setTaskId(update.getUpdates(index).getStatus().getTaskId())
                .setUuid(update.getUpdates(index).getStatus().getUuid())).build();
    }

    private void answerAll() {
        answers.forEach(Runnable::run);
        answers.clear();
    }

    @Test
    void zeroDurationTaskSendsRunningCarryingFinishedAndFinishedOnlyAfterItsAck() {
        SimulatedAgent a = agent(Duration.ZERO);
        a.onEvent(runTask("t1"));

        // only the head is in flight, and it already tells the master the newest state
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getAgentId().getValue()).isEqualTo("a1");
        assertThat(sent.get(0).getUpdates(0).getStatus().getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(sent.get(0).getUpdates(0).getLatestState()).isEqualTo(TaskState.TASK_FINISHED);

        a.onEvent(ack(sent.get(0)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getUpdates(0).getStatus().getState()).isEqualTo(TaskState.TASK_FINISHED);

        a.onEvent(ack(sent.get(1)));
        assertThat(a.activeTasks()).isZero();
        assertThat(sent).hasSize(2);
    }

    @Test
    void theUpdatesOfOneBatchOfEventsGoOutInOneCallAndOnlyUnacknowledgedOnesAreResent() {
        SimulatedAgent a = agent(Duration.ZERO);
        a.onEvents(List.of(runTask("t1"), runTask("t2"), runTask("t3")));

        assertThat(sent).singleElement().satisfies(call -> assertThat(call.getUpdatesList())
                .extracting(u -> u.getStatus().getTaskId().getValue()).containsExactly("t1", "t2", "t3"));
        answerAll();

        // t2's RUNNING is acknowledged: its FINISHED goes out; t1 and t3 wait for their retry
        a.onEvents(List.of(ack(sent.get(0), 1)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getUpdatesList()).singleElement().satisfies(u -> assertThat(
                u.getStatus().getTaskId().getValue() + ":" + u.getStatus().getState()).isEqualTo("t2:TASK_FINISHED"));
        answerAll();

        now += RETRY.toNanos();
        assertThat(a.resendDue()).isEqualTo(3);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).getUpdatesList()).extracting(u -> u.getStatus().getTaskId().getValue() + ":"
                + u.getStatus().getState()).containsExactlyInAnyOrder("t1:TASK_RUNNING", "t2:TASK_FINISHED",
                        "t3:TASK_RUNNING");
    }

    @Test
    void aBatchLargerThanTheProtocolLimitIsSplit() {
        SimulatedAgent a = agent(Duration.ZERO);
        List<AgentEvent> runs = new ArrayList<>();
        for (int i = 0; i < AgentProtocol.MAX_UPDATES_PER_CALL + 5; i++) {
            runs.add(runTask("t" + i));
        }
        a.onEvents(runs);
        assertThat(sent).extracting(AgentCall::getUpdatesCount)
                .containsExactly(AgentProtocol.MAX_UPDATES_PER_CALL, 5);
        assertThat(a.updateCalls()).isEqualTo(2);
    }

    @Test
    void taskFinishesWhenItsTimerFires() {
        SimulatedAgent a = agent(Duration.ofSeconds(5));
        a.onEvent(runTask("t1"));
        a.onEvent(ack(sent.get(0)));
        assertThat(sent).hasSize(1); // RUNNING acknowledged, nothing else yet

        timers.forEach(Runnable::run);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getUpdates(0).getStatus().getState()).isEqualTo(TaskState.TASK_FINISHED);
    }

    @Test
    void unacknowledgedUpdateIsResentOnlyAfterTheMasterAnsweredAndTheRetryIntervalPassed() {
        SimulatedAgent a = agent(Duration.ZERO);
        a.onEvent(runTask("t1"));

        now += RETRY.toNanos() * 5;
        assertThat(a.resendDue()).as("still queued on our side: not lost").isZero();

        answerAll();
        now += RETRY.toNanos() - 1;
        assertThat(a.resendDue()).isZero();
        now += 1;
        assertThat(a.resendDue()).isEqualTo(1);
        assertThat(sent.get(1).getUpdates(0).getStatus().getUuid()).isEqualTo(sent.get(0).getUpdates(0).getStatus().getUuid());

        // second resend waits twice as long
        answerAll();
        now += RETRY.toNanos();
        assertThat(a.resendDue()).isZero();
        now += RETRY.toNanos();
        assertThat(a.resendDue()).isEqualTo(1);
    }

    @Test
    void staleAcknowledgementChangesNothing() {
        SimulatedAgent a = agent(Duration.ZERO);
        a.onEvent(runTask("t1"));
        AgentCall running = sent.get(0);
        a.onEvent(ack(running));
        a.onEvent(ack(running)); // duplicate

        assertThat(sent).hasSize(2);
        assertThat(a.trackedTasks()).containsExactly("t1");
    }

    @Test
    void killEndsARunningTaskAndPingIsAnsweredWithItsSequence() {
        SimulatedAgent a = agent(Duration.ofHours(1));
        a.onEvent(runTask("t1"));
        a.onEvent(ack(sent.get(0)));
        a.onEvent(AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK).setKillTask(AgentEvent.KillTask
                .newBuilder().setFrameworkId(FW).setTaskId(TaskID.newBuilder().setValue("t1"))).build());
        assertThat(sent.get(1).getUpdates(0).getStatus().getState()).isEqualTo(TaskState.TASK_KILLED);

        a.onEvent(AgentEvent.newBuilder().setType(AgentEvent.Type.PING)
                .setPing(AgentEvent.Ping.newBuilder().setSequence(7)).build());
        assertThat(sent.get(2).getType()).isEqualTo(AgentCall.Type.PONG);
        assertThat(sent.get(2).getPong().getSequence()).isEqualTo(7);
    }

    @Test
    void duplicateRunTaskIsIgnored() {
        SimulatedAgent a = agent(Duration.ofHours(1));
        a.onEvent(runTask("t1"));
        a.onEvent(runTask("t1"));
        assertThat(a.tasksLaunched()).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void reSubscriptionCarriesTheRunningTasksWithTheirFrameworksAsTheRealAgentDoes() {
        SimulatedAgent first = new SimulatedAgent(AgentInfo.newBuilder().setHostname("h").build(), Duration.ZERO, RETRY,
                (delay, work) -> timers.add(work), () -> now, (call, answered) -> sent.add(call));
        assertThat(first.subscribeCall().getSubscribe().getAgentInfo().hasId()).as("first registration").isFalse();

        SimulatedAgent a = agent(Duration.ofHours(1));
        a.onEvent(runTask("t1"));
        a.onEvent(runTask("t2"));
        a.onEvent(ack(sent.get(sent.size() - 2))); // t1's RUNNING acknowledged, t2's still pending

        AgentCall again = a.subscribeCall();
        assertThat(again.getAgentId().getValue()).isEqualTo("a1");
        assertThat(again.getSubscribe().getAgentInfo().getId().getValue()).isEqualTo("a1");
        assertThat(again.getSubscribe().getTasksList()).extracting(t -> t.getTaskId().getValue(), t -> t.getState())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t1", TaskState.TASK_RUNNING),
                        org.assertj.core.groups.Tuple.tuple("t2", TaskState.TASK_RUNNING));
        assertThat(again.getSubscribe().getTasksList()).allSatisfy(t -> {
            assertThat(t.getFrameworkId()).isEqualTo(FW);
            assertThat(t.getStatusesList()).extracting(st -> st.getState()).containsExactly(TaskState.TASK_RUNNING);
        });
        assertThat(again.getSubscribe().getTasksList()).filteredOn(t -> t.getTaskId().getValue().equals("t2"))
                .singleElement().satisfies(t -> assertThat(t.hasStatusUpdateUuid()).as("unacknowledged").isTrue());
        assertThat(again.getSubscribe().getFrameworksList()).extracting(FrameworkInfo::getId).containsExactly(FW);
    }

}
