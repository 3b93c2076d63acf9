package io.mezzo.executor.command.internal;

import static io.mezzo.api.executor.ExecutorTaskState.FAILED;
import static io.mezzo.api.executor.ExecutorTaskState.FINISHED;
import static io.mezzo.api.executor.ExecutorTaskState.KILLED;
import static io.mezzo.api.executor.ExecutorTaskState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * An executor instance is dropped without killing its tasks (as when the agent bundle stops or is
 * updated) and a new one re-attaches from the sandboxes.
 */
class RecoveryTest extends ExecutorTestSupport {
    private final RecordingListener before = new RecordingListener();
    private final RecordingListener after = new RecordingListener();

    private Path launchAndAwaitRunning(CommandExecutor executor, String taskId, String command) {
        Path sandbox = sandbox(taskId);
        executor.launch(TaskLaunch.shell(taskId, "fw-1", sandbox, command).env("K", "v").build(), before);
        before.awaitState(taskId, RUNNING);
        return sandbox;
    }

    @Test
    void tasksSurviveTheExecutorAndAreReattached() {
        CommandExecutor first = newExecutor();
        Path ending = launchAndAwaitRunning(first, "ending", "sleep 2; exit 7");
        Path sleeping = launchAndAwaitRunning(first, "sleeping", "sleep 300");
        first.close();

        CommandExecutor second = newExecutor();
        List<RunningTask> found = second.recover(List.of(ending, sleeping), after);

        assertThat(found).extracting(RunningTask::taskId).containsExactly("ending", "sleeping");
        assertThat(found.get(0).launch().environment()).containsEntry("K", "v");
        assertThat(after.states("sleeping")).containsExactly(RUNNING);
        TaskUpdate end = after.awaitTerminal("ending");
        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.exitCode()).isEqualTo(OptionalInt.of(7));
        assertThat(end.message()).isEqualTo("Command exited with status 7");
        // exactly once, and the dropped instance stays silent
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> after.updates("ending").stream().filter(TaskUpdate::isTerminal).count() == 1);
        assertThat(before.terminal("ending")).isEmpty();
        assertThat(second.tasks()).extracting(RunningTask::taskId).containsExactly("sleeping");

        long start = System.nanoTime();
        assertThat(second.kill("sleeping", Duration.ofSeconds(2))).isTrue();
        assertThat(after.awaitTerminal("sleeping", Duration.ofSeconds(3)).state()).isEqualTo(KILLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void taskThatEndedWhileNobodyWatchedReportsItsExitCode() throws IOException {
        CommandExecutor first = newExecutor();
        Path sandbox = launchAndAwaitRunning(first, "t1", "while [ ! -f go ]; do sleep 0.05; done; exit 5");
        first.close();
        Files.writeString(sandbox.resolve("go"), "");
        await().atMost(Duration.ofSeconds(10)).until(() -> new TaskFiles(sandbox).hasExitStatus());

        CommandExecutor second = newExecutor();
        second.recover(List.of(sandbox), after);

        assertThat(after.states("t1")).containsExactly(FAILED);
        assertThat(after.terminal("t1").orElseThrow().exitCode()).isEqualTo(OptionalInt.of(5));
        assertThat(second.tasks()).isEmpty();
    }

    @Test
    void killInterruptedByARestartIsFinishedByTheNextExecutor() {
        CommandExecutor first = newExecutor();
        Path sandbox = launchAndAwaitRunning(first, "t1", "trap '' TERM; sleep 300");
        first.kill("t1", Duration.ofSeconds(1));
        // gone before its SIGKILL timer fired; the task ignores SIGTERM, so it still runs
        first.close();

        CommandExecutor second = newExecutor();
        second.recover(List.of(sandbox), after);

        assertThat(after.states("t1")).first().isEqualTo(RUNNING);
        assertThat(after.awaitTerminal("t1", Duration.ofSeconds(3)).state()).isEqualTo(KILLED);
    }

    @Test
    void recoveringTwiceDoesNotReportTwice() {
        CommandExecutor first = newExecutor();
        Path sandbox = launchAndAwaitRunning(first, "t1", "sleep 300");
        first.close();

        CommandExecutor second = newExecutor();
        second.recover(List.of(sandbox), after);
        second.recover(List.of(sandbox), after);

        assertThat(after.states("t1")).containsExactly(RUNNING);
    }

    @Test
    void sandboxesWithoutCheckpointAreSkipped() throws IOException {
        Path empty = Files.createDirectories(sandbox("never-launched"));

        assertThat(newExecutor().recover(List.of(empty, sandbox("missing")), after)).isEmpty();
        assertThat(after.terminalCount()).isZero();
    }

    @Test
    void processFromAnotherBootIsNotTrusted() throws IOException {
        Path sandbox = sandbox("t1");
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();
        // our own JVM: alive, but the checkpoint says it belongs to another boot
        ProcessStat jvm = ProcessStat.read(ProcessHandle.current().pid()).orElseThrow();
        new TaskCheckpoint(TaskLaunch.shell("t1", "fw-1", sandbox, "sleep 300").build(), jvm.pid(), jvm.startTicks(),
                "another-boot").write(files);

        newExecutor().recover(List.of(sandbox), after);

        assertThat(after.terminal("t1").orElseThrow().message()).contains("rebooted");
    }

    @Test
    void recycledPidIsNotMistakenForTheTask() throws IOException {
        Path sandbox = sandbox("t1");
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();
        // a live pid with the wrong start time: the task's process is gone and the pid was reused
        ProcessStat jvm = ProcessStat.read(ProcessHandle.current().pid()).orElseThrow();
        new TaskCheckpoint(TaskLaunch.shell("t1", "fw-1", sandbox, "sleep 300").build(), jvm.pid(),
                jvm.startTicks() + 1, ProcessStat.bootId()).write(files);

        newExecutor().recover(List.of(sandbox), after);

        TaskUpdate end = after.terminal("t1").orElseThrow();
        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.message()).contains("without recording an exit status");
    }

    @Test
    void finishedTaskIsReportedFinished() {
        CommandExecutor first = newExecutor();
        Path sandbox = sandbox("t1");
        RunningTask task = first.launch(TaskLaunch.shell("t1", "fw-1", sandbox, "true").build(), before);
        assertThat(task.termination().toCompletableFuture().join().state()).isEqualTo(FINISHED);
        first.close();

        newExecutor().recover(List.of(sandbox), after);

        assertThat(after.states("t1")).containsExactly(FINISHED);
    }
}
