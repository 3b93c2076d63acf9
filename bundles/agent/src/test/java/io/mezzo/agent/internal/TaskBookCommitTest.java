package io.mezzo.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.agent.internal.checkpoint.CheckpointStore;
import io.mezzo.agent.internal.checkpoint.TaskCheckpoint;
import io.mezzo.agent.internal.status.StatusUpdateManager;
import io.mezzo.agent.internal.task.SandboxLayout;
import io.mezzo.agent.internal.task.TaskBook;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import io.mezzo.api.executor.TaskUpdate;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints written in batches: what is durable when a task starts, and launches killed in their burst. */
class TaskBookCommitTest {
    private static final AgentID AGENT = AgentID.newBuilder().setValue("a1").build();
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("u").setName("f")
            .setId(FrameworkID.newBuilder().setValue("fw1")).build();

    @TempDir
    Path workDir;

    private CheckpointStore agentStore;

    @AfterEach
    void close() throws IOException {
        if (agentStore != null) {
            agentStore.close();
        }
    }

    /** Records, at each launch, which tasks a restarted agent would find on disk at that moment. */
    private final class DiskCheckingExecutor extends FakeExecutor {
        final List<List<String>> onDiskAtLaunch = new ArrayList<>();

        @Override
        public RunningTask launch(TaskLaunch launch, TaskListener listener) {
            onDiskAtLaunch.add(onDisk());
            return super.launch(launch, listener);
        }
    }

    private TaskBook book(FakeExecutor executor) {
        agentStore = new CheckpointStore(workDir);
        return new TaskBook(executor, update -> { }, agentStore, new SandboxLayout(workDir),
                new StatusUpdateManager(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(10)),
                Clock.systemUTC());
    }

    private List<String> onDisk() {
        try (CheckpointStore reader = new CheckpointStore(workDir)) {
            return reader.tasks().stream().map(t -> t.task().getTaskId().getValue() + "=" + t.latestState()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TaskInfo task(String id) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(AGENT)
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100")).build();
    }

    @Test
    void tasksStartOnlyAtCommitAndAreOnDiskBeforeTheirProcessExists() {
        DiskCheckingExecutor executor = new DiskCheckingExecutor();
        TaskBook book = book(executor);

        book.run(AGENT, FRAMEWORK, task("t1"));
        book.run(AGENT, FRAMEWORK, task("t2"));
        assertThat(executor.launches).as("nothing starts before the commit").isEmpty();
        assertThat(onDisk()).isEmpty();

        assertThat(book.commit()).isEmpty();
        assertThat(executor.launches).extracting(TaskLaunch::taskId).containsExactly("t1", "t2");
        assertThat(executor.onDiskAtLaunch).allSatisfy(disk ->
                assertThat(disk).containsExactly("t1=TASK_STAGING", "t2=TASK_STAGING"));
        assertThat(book.hasUncommitted()).isFalse();
    }

    @Test
    void aTaskKilledInTheBurstThatLaunchedItNeverStarts() {
        FakeExecutor executor = new FakeExecutor();
        TaskBook book = book(executor);

        book.run(AGENT, FRAMEWORK, task("t1"));
        Optional<AgentCall.Update> killed = book.kill(AGENT, FRAMEWORK.getId(), task("t1").getTaskId(),
                Optional.empty());
        book.commit();

        assertThat(executor.launches).isEmpty();
        assertThat(killed).get().extracting(u -> u.getStatus().getState(), u -> u.getStatus().getReason())
                .containsExactly(TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        assertThat(onDisk()).containsExactly("t1=TASK_KILLED");
    }

    @Test
    void aFailedWriteStartsNothingAndKeepsTheChangesForTheNextCommit() throws IOException {
        FakeExecutor executor = new FakeExecutor();
        TaskBook book = book(executor);
        Path journal = workDir.resolve("meta/tasks.journal");
        Files.createDirectories(journal); // a directory where the file must go: every write fails

        book.run(AGENT, FRAMEWORK, task("t1"));
        try {
            book.commit();
            throw new AssertionError("the commit should have failed");
        } catch (UncheckedIOException expected) {
            assertThat(executor.launches).isEmpty();
            assertThat(book.hasUncommitted()).isTrue();
        }

        Files.delete(journal);
        book.commit();
        assertThat(executor.launches).extracting(TaskLaunch::taskId).containsExactly("t1");
        assertThat(onDisk()).containsExactly("t1=TASK_STAGING");
    }

    @Test
    void checkpointsOfTheBurstAreWrittenOnceEach() {
        FakeExecutor executor = new FakeExecutor();
        TaskBook book = book(executor);
        book.run(AGENT, FRAMEWORK, task("t1"));
        book.commit();
        long before = journalSize();

        // two executor reports in one burst, as the agent's loop hands them over
        book.onExecutorUpdate(AGENT, report("t1", ExecutorTaskState.STARTING));
        book.onExecutorUpdate(AGENT, report("t1", ExecutorTaskState.RUNNING));
        assertThat(journalSize()).as("nothing written before the commit").isEqualTo(before);
        book.commit();

        List<TaskCheckpoint> stored = storedTasks();
        assertThat(stored).singleElement().extracting(TaskCheckpoint::latestState).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(stored.get(0).pending()).extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    }

    private static TaskUpdate report(String taskId, ExecutorTaskState state) {
        return new TaskUpdate(taskId, state, "", OptionalInt.empty(), Instant.now());
    }

    private long journalSize() {
        try {
            return Files.size(workDir.resolve("meta/tasks.journal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TaskCheckpoint> storedTasks() {
        try (CheckpointStore reader = new CheckpointStore(workDir)) {
            return reader.tasks();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
