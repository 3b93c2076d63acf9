package io.mezzo.executor.command.internal;

import static io.mezzo.api.executor.ExecutorTaskState.FAILED;
import static io.mezzo.api.executor.ExecutorTaskState.FINISHED;
import static io.mezzo.api.executor.ExecutorTaskState.KILLED;
import static io.mezzo.api.executor.ExecutorTaskState.RUNNING;
import static io.mezzo.api.executor.ExecutorTaskState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUpdate;
import io.mezzo.api.executor.TaskUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandExecutorTest extends ExecutorTestSupport {
    private CommandExecutor executor;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        executor = newExecutor();
    }

    private TaskLaunch.Builder shell(String taskId, String command) {
        return TaskLaunch.shell(taskId, "fw-1", sandbox(taskId), command);
    }

    private static String stdout(Path sandbox) throws IOException {
        return Files.readString(sandbox.resolve("stdout"));
    }

    @Test
    void echoFinishesWithItsOutputInTheSandbox() throws IOException {
        RunningTask task = executor.launch(shell("t1", "echo hello").build(), listener);

        TaskUpdate end = listener.awaitTerminal("t1");

        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING, FINISHED);
        assertThat(end.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(end.timestamp()).isEqualTo(NOW);
        assertThat(stdout(sandbox("t1"))).isEqualTo("hello\n");
        assertThat(task.termination().toCompletableFuture().join()).isEqualTo(end);
        assertThat(executor.tasks()).isEmpty();
    }

    @Test
    void nonZeroExitFailsWithTheStatus() throws IOException {
        executor.launch(shell("t1", "echo oops >&2; exit 3").build(), listener);

        TaskUpdate end = listener.awaitTerminal("t1");

        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.message()).isEqualTo("Command exited with status 3");
        assertThat(end.exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(Files.readString(sandbox("t1").resolve("stderr"))).isEqualTo("oops\n");
    }

    @Test
    void taskSeesItsEnvironmentAndNotTheAgents() throws IOException {
        Path sandbox = sandbox("t1");
        executor.launch(TaskLaunch.shell("t1", "fw-1", sandbox,
                "echo \"$GREETING|$MESOS_TASK_ID|$MESOS_SANDBOX|$MEZZO_SANDBOX|$MESOS_FRAMEWORK_ID|${JAVA_HOME:-unset}|$(pwd)\"")
                .env("GREETING", "hi there").build(), listener);

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        String dir = sandbox.toAbsolutePath().toString();
        assertThat(stdout(sandbox)).isEqualTo("hi there|t1|" + dir + "|" + dir + "|fw-1|unset|" + dir + "\n");
    }

    @Test
    void argvRunsWithoutAShell() throws IOException {
        Path sandbox = sandbox("t1");
        executor.launch(TaskLaunch.exec("t1", "fw-1", sandbox, "/bin/echo", List.of("echo", "a  b", "$HOME")).build(),
                listener);

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        // no shell: the spaces and the dollar sign reach echo untouched
        assertThat(stdout(sandbox)).isEqualTo("a  b $HOME\n");
    }

    @Test
    void fileUriIsCopiedIntoTheSandboxAndMadeExecutable() throws IOException {
        Path script = Files.writeString(work.resolve("hello.sh"), "#!/bin/sh\necho from script\n");
        executor.launch(shell("t1", "./hello.sh && ./renamed.sh")
                .uri(new TaskUri(script.toUri().toString(), true, false, Optional.empty()))
                .uri(new TaskUri(script.toString(), true, false, Optional.of("renamed.sh")))
                .build(), listener);

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        assertThat(stdout(sandbox("t1"))).isEqualTo("from script\nfrom script\n");
    }

    @Test
    void archiveUriIsExtracted() throws Exception {
        Path content = Files.createDirectories(work.resolve("pkg/bin"));
        Files.writeString(content.resolve("data.txt"), "packed\n");
        Process tar = new ProcessBuilder(TOOLS.tar(), "-czf", work.resolve("pkg.tar.gz").toString(), "-C",
                work.resolve("pkg").toString(), "bin").start();
        assertThat(tar.waitFor()).isZero();

        executor.launch(shell("t1", "cat bin/data.txt")
                .uri(new TaskUri(work.resolve("pkg.tar.gz").toUri().toString(), false, true, Optional.empty()))
                .build(), listener);

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        assertThat(stdout(sandbox("t1"))).isEqualTo("packed\n");
    }

    @Test
    void missingUriFailsTheTaskWithoutRunningIt() {
        Path missing = work.resolve("no-such-file.sh");
        executor.launch(shell("t1", "echo should not run").uri(TaskUri.of(missing.toUri().toString())).build(), listener);

        TaskUpdate end = listener.awaitTerminal("t1");

        assertThat(listener.states("t1")).containsExactly(STARTING, FAILED);
        assertThat(end.message()).contains(missing.toString()).contains("no such file");
        assertThat(sandbox("t1").resolve("stdout")).doesNotExist();
    }

    @Test
    void remoteUrisAreRefusedWithAClearMessage() {
        executor.launch(shell("t1", "true").uri(TaskUri.of("http://example.com/x.sh")).build(), listener);

        assertThat(listener.awaitTerminal("t1").message()).contains("only local files and file:// URIs");
    }

    @Test
    void killEndsASleepWithinTheGracePeriod() {
        executor.launch(shell("t1", "sleep 300").killGracePeriod(Duration.ofSeconds(2)).build(), listener);
        listener.awaitState("t1", RUNNING);

        long start = System.nanoTime();
        assertThat(executor.kill("t1", Duration.ofSeconds(2))).isTrue();
        TaskUpdate end = listener.awaitTerminal("t1", Duration.ofSeconds(3));

        assertThat(end.state()).isEqualTo(KILLED);
        // sleep dies of the SIGTERM at once: no waiting for the grace period
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(listener.terminalCount()).isEqualTo(1);
    }

    @Test
    void taskIgnoringSigtermIsSigkilledAfterTheGracePeriod() {
        Duration grace = Duration.ofSeconds(1);
        executor.launch(shell("t1", "trap '' TERM; echo ready; sleep 300").build(), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sandbox("t1").resolve("stdout"))
                && stdout(sandbox("t1")).contains("ready"));

        long start = System.nanoTime();
        executor.kill("t1", grace);
        TaskUpdate end = listener.awaitTerminal("t1", grace.plusSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(end.state()).isEqualTo(KILLED);
        assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(grace.plusSeconds(1));
    }

    @Test
    void childProcessesDieWithAKilledTask() throws IOException {
        Path sandbox = sandbox("t1");
        executor.launch(shell("t1", "sleep 300 & echo $! > child.pid; wait").build(), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sandbox.resolve("child.pid")));
        long child = Long.parseLong(Files.readString(sandbox.resolve("child.pid")).trim());

        executor.kill("t1", Duration.ofSeconds(5));

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(KILLED);
        await().atMost(Duration.ofSeconds(2)).until(() -> hasEnded(child));
    }

    @Test
    void processesLeftBehindByAFinishedTaskAreKilled() throws IOException {
        Path sandbox = sandbox("t1");
        executor.launch(shell("t1", "sleep 300 & echo $! > child.pid").build(), listener);

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        long child = Long.parseLong(Files.readString(sandbox.resolve("child.pid")).trim());
        await().atMost(Duration.ofSeconds(2)).until(() -> hasEnded(child));
    }

    /** Dead, or a zombie: reaping an orphan is init's business, not the executor's. */
    private static boolean hasEnded(long pid) {
        return ProcessStat.read(pid).map(ProcessStat::isZombie).orElse(true);
    }

    @Test
    void taskRunsInItsOwnProcessGroupAndSession() throws IOException {
        executor.launch(shell("t1", "sleep 300").build(), listener);
        listener.awaitState("t1", RUNNING);

        TaskCheckpoint checkpoint = TaskCheckpoint.read(new TaskFiles(sandbox("t1"))).orElseThrow();
        ProcessStat wrapper = ProcessStat.read(checkpoint.pid()).orElseThrow();
        ProcessStat jvm = ProcessStat.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(wrapper.processGroup()).isEqualTo(checkpoint.pid()).isNotEqualTo(jvm.processGroup());
        assertThat(wrapper.startTicks()).isEqualTo(checkpoint.startTicks());
    }

    @Test
    void shutdownKillsEveryTask() {
        for (String id : List.of("a", "b", "c")) {
            executor.launch(shell(id, "sleep 300").build(), listener);
            listener.awaitState(id, RUNNING);
        }

        executor.shutdown(Duration.ofSeconds(1)).toCompletableFuture().join();

        assertThat(List.of("a", "b", "c")).allSatisfy(id ->
                assertThat(listener.terminal(id)).map(TaskUpdate::state).contains(KILLED));
        assertThat(executor.tasks()).isEmpty();
    }

    @Test
    void unknownOrFinishedTasksCannotBeKilled() {
        executor.launch(shell("t1", "true").build(), listener);
        listener.awaitTerminal("t1");

        assertThat(executor.kill("t1", Duration.ZERO)).isFalse();
        assertThat(executor.kill("nope", Duration.ZERO)).isFalse();
    }

    @Test
    void aRunningTaskIdCannotBeLaunchedTwiceButAFinishedOneCan() {
        executor.launch(shell("t1", "sleep 300").build(), listener);
        listener.awaitState("t1", RUNNING);

        assertThatThrownBy(() -> executor.launch(shell("t1", "true").build(), listener))
                .isInstanceOf(IllegalStateException.class);
        executor.kill("t1", Duration.ZERO);
        listener.awaitTerminal("t1");
        RunningTask again = executor.launch(TaskLaunch.shell("t1", "fw-1", sandbox("t1-again"), "true").build(),
                new RecordingListener());
        assertThat(again.termination().toCompletableFuture().join().state()).isEqualTo(FINISHED);
    }
}
