package io.mezzo.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.agent.internal.checkpoint.CheckpointStore;
import io.mezzo.agent.internal.status.StatusUpdateManager;
import io.mezzo.agent.internal.task.AgentTask;
import io.mezzo.agent.internal.task.SandboxLayout;
import io.mezzo.agent.internal.task.TaskBook;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.TaskUpdate;
import io.mezzo.api.testing.ManualClock;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks of several frameworks on one agent. SHUTDOWN_FRAMEWORK: the master removed the framework,
 * so nobody will acknowledge its updates; its tasks are killed and forgotten once over, with
 * nothing left to retry, and other frameworks' tasks and updates are untouched. A task id the agent
 * still holds for one framework is refused to another.
 */
class TaskBookFrameworksTest {
    private static final AgentID AGENT = AgentID.newBuilder().setValue("a1").build();
    private static final FrameworkInfo REMOVED = framework("fw-removed");
    private static final FrameworkInfo OTHER = framework("fw-other");

    @TempDir
    Path workDir;

    private final FakeExecutor executor = new FakeExecutor();
    private final List<TaskUpdate> reports = new ArrayList<>();
    private StatusUpdateManager updates;
    private CheckpointStore store;
    private TaskBook book;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T08:00:00Z"));

    @BeforeEach
    void start() {
        updates = new StatusUpdateManager(clock, Duration.ofSeconds(1), Duration.ofSeconds(10));
        store = new CheckpointStore(workDir);
        book = new TaskBook(executor, reports::add, store, new SandboxLayout(workDir), updates, clock);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void theRemovedFrameworksTasksAreKilledAndForgottenWithNothingLeftToRetry() throws IOException {
        run(REMOVED, "running");
        run(REMOVED, "finished-unacknowledged");
        run(OTHER, "bystander");
        book.commit();
        executor.report("finished-unacknowledged", ExecutorTaskState.FINISHED);
        executor.report("bystander", ExecutorTaskState.RUNNING);
        reports.forEach(r -> book.onExecutorUpdate(AGENT, r));
        book.commit();

        book.shutdownFramework(AGENT, REMOVED.getId());
        book.commit();
        assertThat(executor.kills).containsOnlyKeys("running");
        assertThat(ids(book.tasks())).as("the finished one is forgotten at once")
                .containsExactlyInAnyOrder("running", "bystander");

        // the killed task's process ends: no update is sent, and the task is gone for good
        reports.clear();
        executor.report("running", ExecutorTaskState.KILLED);
        Optional<AgentCall.Update> killed = book.onExecutorUpdate(AGENT, reports.get(0));
        book.commit();
        assertThat(killed).isEmpty();
        assertThat(ids(book.tasks())).containsExactly("bystander");

        // only the other framework's updates are still retried, and a restarted agent finds only its task
        clock.advance(Duration.ofSeconds(60));
        assertThat(updates.due()).extracting(u -> u.getStatus().getTaskId().getValue()).containsOnly("bystander");
        try (CheckpointStore reader = new CheckpointStore(workDir)) {
            assertThat(reader.tasks()).extracting(t -> t.task().getTaskId().getValue()).containsExactly("bystander");
        }
    }

    @Test
    void aKillOfAnUnknownTaskOfTheRemovedFrameworkIsNotAnswered() {
        run(REMOVED, "running");
        book.commit();
        book.shutdownFramework(AGENT, REMOVED.getId());

        assertThat(book.kill(AGENT, REMOVED.getId(), TaskID.newBuilder().setValue("never-here").build(),
                Optional.empty())).isEmpty();
        assertThat(book.kill(AGENT, OTHER.getId(), TaskID.newBuilder().setValue("never-here").build(),
                Optional.empty())).get().extracting(u -> u.getStatus().getState()).isEqualTo(TaskState.TASK_LOST);
    }

    @Test
    void aTaskIdHeldForAnotherFrameworkIsRefusedWithoutTouchingItsUpdates() {
        run(OTHER, "task-1");
        book.commit();
        executor.report("task-1", ExecutorTaskState.FINISHED);
        Optional<AgentCall.Update> finished = book.onExecutorUpdate(AGENT, reports.get(0));
        book.commit();

        // the other framework has not acknowledged its FINISHED yet when a task of the same id arrives
        Optional<AgentCall.Update> refused = book.run(AGENT, REMOVED, TaskInfo.newBuilder().setName("task-1")
                .setTaskId(TaskID.newBuilder().setValue("task-1")).setAgentId(AGENT)
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100")).build());
        book.commit();

        assertThat(refused).get().satisfies(u -> {
            assertThat(u.getFrameworkId()).isEqualTo(REMOVED.getId());
            assertThat(u.getStatus().getState()).isEqualTo(TaskState.TASK_ERROR);
            assertThat(u.getStatus().hasUuid()).as("nothing to acknowledge").isFalse();
        });
        assertThat(executor.launches).hasSize(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(updates.due()).singleElement().satisfies(u -> {
            assertThat(u.getFrameworkId()).isEqualTo(OTHER.getId());
            assertThat(u.getStatus().getUuid()).isEqualTo(finished.orElseThrow().getStatus().getUuid());
        });
    }

    private void run(FrameworkInfo framework, String id) {
        assertThat(book.run(AGENT, framework, TaskInfo.newBuilder().setName(id)
                .setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(AGENT)
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100")).build())).isEmpty();
    }

    private static List<String> ids(java.util.Collection<AgentTask> tasks) {
        return tasks.stream().map(AgentTask::id).toList();
    }

    private static FrameworkInfo framework(String id) {
        return FrameworkInfo.newBuilder().setUser("u").setName(id).setId(FrameworkID.newBuilder().setValue(id)).build();
    }
}
