package io.mezzo.executor.command.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches tasks found again by recovery. Their wrappers are no longer this JVM's children (or belong
 * to a Process object of an executor instance that is gone), so no exit notification comes; one
 * shared poll checks them all instead of a sleeping thread per task.
 */
final class ReattachedTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ReattachedTasks.class);
    private final Set<CommandTask> watched = ConcurrentHashMap.newKeySet();
    private final Consumer<CommandTask> onEnded;

    /** @param onEnded called once for each watched task whose wrapper has ended */
    ReattachedTasks(Consumer<CommandTask> onEnded) {
        this.onEnded = onEnded;
    }

    void watch(CommandTask task) {
        watched.add(task);
    }

    /** Checks every watched task; runs on the executor's scheduler. */
    void poll() {
        try {
            for (CommandTask task : watched) {
                poll(task);
            }
        } catch (RuntimeException e) {
            // a failure must not cancel the periodic poll
            LOG.error("Polling re-attached tasks failed", e);
        }
    }

    /** Checks one task now, if it is watched here (e.g. right after it was sent SIGKILL). */
    void poll(CommandTask task) {
        if (watched.contains(task) && hasEnded(task) && watched.remove(task)) {
            onEnded.accept(task);
        }
    }

    private static boolean hasEnded(CommandTask task) {
        // the status file comes first: the wrapper writes it just before it exits
        return task.files().hasExitStatus() || !task.process().isAlive();
    }
}
