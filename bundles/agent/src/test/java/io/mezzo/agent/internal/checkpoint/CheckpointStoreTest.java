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
import java.util.stream.Stream;
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
        return new TaskCheckpoint(framework, task, Path.of("/sandbox/" + taskId), state, pending);
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
        new CheckpointStore(workDir).saveTask(saved);

        assertThat(new CheckpointStore(workDir).tasks()).containsExactly(saved);
    }

    @Test
    void rewriteReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        CheckpointStore store = new CheckpointStore(workDir);
        store.saveTask(checkpoint("t1", TaskState.TASK_STAGING, List.of()));
        store.saveTask(checkpoint("t1", TaskState.TASK_RUNNING, List.of()));

        assertThat(store.tasks()).singleElement().extracting(TaskCheckpoint::latestState)
                .isEqualTo(TaskState.TASK_RUNNING);
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void removedTaskIsGoneAndOddIdsStayInsideTheWorkDir() throws IOException {
        CheckpointStore store = new CheckpointStore(workDir);
        store.saveTask(checkpoint("../../escape", TaskState.TASK_RUNNING, List.of()));

        assertThat(store.taskFile("fw/1", "../../escape").normalize()).startsWith(workDir.resolve("meta"));
        assertThat(store.tasks()).hasSize(1);
        store.removeTask("fw/1", "../../escape");
        assertThat(store.tasks()).isEmpty();
    }

    @Test
    void corruptCheckpointIsSkipped() throws IOException {
        CheckpointStore store = new CheckpointStore(workDir);
        store.saveTask(checkpoint("good", TaskState.TASK_RUNNING, List.of()));
        Path bad = store.taskFile("fw/1", "bad");
        Files.write(bad, new byte[] {1, 2, 3});

        assertThat(store.tasks()).extracting(t -> t.task().getTaskId().getValue()).containsExactly("good");
    }
}
