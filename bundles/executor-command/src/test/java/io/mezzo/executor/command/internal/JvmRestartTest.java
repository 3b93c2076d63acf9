package io.mezzo.executor.command.internal;

import static io.mezzo.api.executor.ExecutorTaskState.FINISHED;
import static io.mezzo.api.executor.ExecutorTaskState.KILLED;
import static io.mezzo.api.executor.ExecutorTaskState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks outlive the whole JVM that launched them, and a new one finds them. */
class JvmRestartTest extends ExecutorTestSupport {
    private final RecordingListener listener = new RecordingListener();

    private void launchInAnotherJvm(String taskId, Path sandbox, String command) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LaunchAndExit.class.getName(), taskId, sandbox.toString(), command)
                .redirectErrorStream(true).redirectOutput(work.resolve(taskId + "-jvm.log").toFile()).start();
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(Files.readString(work.resolve(taskId + "-jvm.log"))).isZero();
    }

    @Test
    void taskKeepsRunningAfterItsJvmExitedAndCanBeKilledByTheNextOne() throws Exception {
        Path sandbox = sandbox("t1");
        launchInAnotherJvm("t1", sandbox, "sleep 300");

        CommandExecutor executor = newExecutor();
        executor.recover(List.of(sandbox), listener);

        assertThat(listener.states("t1")).containsExactly(RUNNING);
        executor.kill("t1", Duration.ofSeconds(2));
        assertThat(listener.awaitTerminal("t1", Duration.ofSeconds(3)).state()).isEqualTo(KILLED);
    }

    @Test
    void taskThatEndsAfterItsJvmExitedIsReportedWhenWatchedAgain() throws Exception {
        Path sandbox = sandbox("t1");
        launchInAnotherJvm("t1", sandbox, "while [ ! -f go ]; do sleep 0.05; done; echo done");

        CommandExecutor executor = newExecutor();
        executor.recover(List.of(sandbox), listener);
        Files.writeString(sandbox.resolve("go"), "");

        assertThat(listener.awaitTerminal("t1").state()).isEqualTo(FINISHED);
        assertThat(listener.states("t1")).containsExactly(RUNNING, FINISHED);
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("done\n");
    }
}
