package io.mezzo.agent.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path workDir;

    static TaskCheckpoint checkpoint(String taskId, TaskState state, List<TaskStatus> pending) {
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("u").setName("f")
                .setId(FrameworkID.newBuilder().setValue("fw/1")).build();
        TaskInfo task = TaskInfo.newBuilder().setName("n").setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setCommand(CommandInfo.newBuilder().setValue("sleep 5")).build();
        return new TaskCheckpoint(framework, task, Path.of("/sandbox/" + taskId), state, pending,
                pending.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pending.get(pending.size() - 1)));
    }

    @Test
    void agentIdSurvivesARestart() throws IOException {
        assertThat(new CheckpointStore(workDir).agentId()).isEmpty();
        new CheckpointStore(workDir).saveAgentId("agent-7");

        assertThat(new CheckpointStore(workDir).agentId()).contains("agent-7");
        assertThat(workDir.resolve("meta/agent_id")).hasContent("agent-7");
    }

    @Test
    void taskWithPendingUpdatesReadsBackEqual() throws IOException {
        TaskStatus pending = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
                .setState(TaskState.TASK_RUNNING).setUuid(ByteString.copyFrom(new byte[16])).build();
        TaskCheckpoint saved = checkpoint("t1", TaskState.TASK_FINISHED, List.of(pending));
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(saved), List.of());
        }

        assertThat(reopened()).containsExactly(saved);
    }

    @Test
    void newerCheckpointsReplaceOlderOnesAndForgottenTasksAreGone() throws IOException {
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(checkpoint("t1", TaskState.TASK_STAGING, List.of()),
                    checkpoint("t2", TaskState.TASK_STAGING, List.of())), List.of());
            store.commit(List.of(checkpoint("t1", TaskState.TASK_RUNNING, List.of())), List.of(key("t2")));
        }

        assertThat(reopened()).containsExactly(checkpoint("t1", TaskState.TASK_RUNNING, List.of()));
    }

    @Test
    void aTaskForgottenAndLaunchedAgainInOneCommitIsKept() throws IOException {
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(checkpoint("t1", TaskState.TASK_FINISHED, List.of())), List.of());
            store.commit(List.of(checkpoint("t1", TaskState.TASK_STAGING, List.of())), List.of(key("t1")));
        }

        assertThat(reopened()).containsExactly(checkpoint("t1", TaskState.TASK_STAGING, List.of()));
    }

    @Test
    void aTornLastRecordIsDroppedAndLaterCommitsSurvive() throws IOException {
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(checkpoint("t1", TaskState.TASK_RUNNING, List.of())), List.of());
        }
        byte[] whole = Files.readAllBytes(journal());
        // a crash in the middle of the next append: half of a copy of the first record
        Files.write(journal(), java.util.Arrays.copyOf(whole, whole.length / 2),
                java.nio.file.StandardOpenOption.APPEND);

        try (CheckpointStore store = new CheckpointStore(workDir)) {
            assertThat(store.tasks()).extracting(t -> t.task().getTaskId().getValue()).containsExactly("t1");
            store.commit(List.of(checkpoint("t2", TaskState.TASK_RUNNING, List.of())), List.of());
        }
        assertThat(reopened()).extracting(t -> t.task().getTaskId().getValue()).containsExactly("t1", "t2");
        assertThat(journal()).hasSize(2L * whole.length);
    }

    @Test
    void aRecordFailingItsChecksumEndsTheReplay() throws IOException {
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(checkpoint("t1", TaskState.TASK_RUNNING, List.of())), List.of());
            store.commit(List.of(checkpoint("t2", TaskState.TASK_RUNNING, List.of())), List.of());
        }
        byte[] bytes = Files.readAllBytes(journal());
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(journal(), bytes);

        assertThat(reopened()).extracting(t -> t.task().getTaskId().getValue()).containsExactly("t1");
    }

    @Test
    void checkpointsOfThePerFileLayoutMoveIntoTheJournal() throws IOException {
        TaskCheckpoint legacy = checkpoint("old", TaskState.TASK_RUNNING, List.of());
        Path file = workDir.resolve("meta/frameworks/fw%2F1/tasks/old.task");
        Files.createDirectories(file.getParent());
        Files.write(file, legacy.toBytes());
        Files.write(file.resolveSibling("bad.task"), new byte[] {1, 2, 3});

        assertThat(reopened()).containsExactly(legacy);
        assertThat(file).doesNotExist();
        assertThat(reopened()).as("from the journal now").containsExactly(legacy);
    }

    @Test
    void aJournalMostlyOfOldRecordsIsCompacted() throws IOException {
        TaskInfo big = checkpoint("t1", TaskState.TASK_RUNNING, List.of()).task().toBuilder()
                .setData(ByteString.copyFrom(new byte[100_000])).build();
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            store.commit(List.of(checkpoint("small", TaskState.TASK_RUNNING, List.of())), List.of());
            for (int i = 0; i < 60; i++) {
                TaskCheckpoint c = checkpoint("t1", i % 2 == 0 ? TaskState.TASK_RUNNING : TaskState.TASK_STAGING,
                        List.of());
                store.commit(List.of(new TaskCheckpoint(c.framework(), big, c.sandbox(), c.latestState(),
                        c.pending(), c.lastStatus())), List.of());
            }
        }

        // 6 MB written: compacted to one record once past 4 MiB, then 18 more appended
        assertThat(Files.size(journal())).isLessThan(2_500_000L);
        assertThat(reopened()).extracting(t -> t.task().getTaskId().getValue() + "=" + t.latestState())
                .containsExactly("small=TASK_RUNNING", "t1=TASK_STAGING");
    }

    private List<TaskCheckpoint> reopened() throws IOException {
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            return store.tasks();
        }
    }

    private Path journal() {
        return workDir.resolve("meta/tasks.journal");
    }

    private static CheckpointStore.TaskKey key(String taskId) {
        return new CheckpointStore.TaskKey("fw/1", taskId);
    }
}
