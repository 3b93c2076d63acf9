package io.mezzo.executor.command.internal;

import java.time.Duration;
import java.util.Map;

/**
 * Tunables of a {@link CommandExecutor}.
 *
 * @param launchThreads threads that prepare sandboxes and spawn processes
 * @param reattachPollInterval how often tasks found again by recovery are checked; they are not this
 *     JVM's children, so there is no exit notification to wait for
 * @param baseEnvironment the minimal environment every task starts from
 * @param tools where the programs the executor runs live
 */
record CommandExecutorSettings(int launchThreads, Duration reattachPollInterval, Map<String, String> baseEnvironment,
        HostTools tools) {

    CommandExecutorSettings {
        if (launchThreads < 1) {
            throw new IllegalArgumentException("launchThreads must be at least 1");
        }
        baseEnvironment = Map.copyOf(baseEnvironment);
    }
}
