package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.TaskLaunch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a separate JVM by {@link JvmRestartTest}: launches one task, waits until it runs, then the
 * JVM exits without closing or killing anything, as a crashed or restarted Karaf would.
 * Arguments: task id, sandbox, shell command.
 */
public final class LaunchAndExit {
    private LaunchAndExit() {
    }

    public static void main(String[] args) throws Exception {
        CommandExecutor executor = new CommandExecutor(new CommandExecutorSettings(1, Duration.ofMillis(50),
                Map.of("PATH", "/usr/bin:/bin"), HostTools.detect()), Clock.systemUTC());
        RecordingListener listener = new RecordingListener();
        executor.launch(TaskLaunch.shell(args[0], "fw-1", Path.of(args[1]), args[2]).build(), listener);
        listener.awaitState(args[0], io.mezzo.api.executor.ExecutorTaskState.RUNNING);
        Runtime.getRuntime().halt(0);
    }
}
