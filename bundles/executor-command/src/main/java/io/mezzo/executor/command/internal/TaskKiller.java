package io.mezzo.executor.command.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a spawned task: records the kill in the sandbox, sends SIGTERM to the task's process group,
 * and SIGKILL once the grace period is over if the wrapper still lives. Signals and timers run on
 * the executor's scheduler thread, so a kill never blocks the caller on a {@code kill} process.
 */
final class TaskKiller {
    private static final Logger LOG = LoggerFactory.getLogger(TaskKiller.class);
    private final ProcessGroupSignaller signaller;
    private final ScheduledExecutorService scheduler;
    private final ReattachedTasks reattached;

    TaskKiller(ProcessGroupSignaller signaller, ScheduledExecutorService scheduler, ReattachedTasks reattached) {
        this.signaller = signaller;
        this.scheduler = scheduler;
        this.reattached = reattached;
    }

    void kill(CommandTask task, TaskProcess process, Duration gracePeriod) {
        LOG.info("Killing task {} (process group {}), grace period {}", task.taskId(), process.pid(), gracePeriod);
        try {
            task.files().markKillRequested(gracePeriod);
        } catch (IOException e) {
            LOG.warn("Cannot record the kill of task {}; after a restart it may be reported FAILED", task.taskId(), e);
        }
        if (gracePeriod.isZero()) {
            scheduler.execute(() -> signal(task, process, "KILL"));
            return;
        }
        scheduler.execute(() -> signal(task, process, "TERM"));
        scheduler.schedule(() -> signal(task, process, "KILL"), gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void signal(CommandTask task, TaskProcess process, String signal) {
        // isAlive guards against signalling a recycled pid once the task has ended
        if (!task.isTerminal() && process.isAlive() && !signaller.signalGroup(process.pid(), signal)) {
            // the group does not exist yet (setsid has not run): the lone process is all there is
            LOG.debug("No process group {}; signalling the process", process.pid());
            ProcessHandle.of(process.pid()).ifPresent("KILL".equals(signal)
                    ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        }
        if ("KILL".equals(signal)) {
            // re-attached tasks are polled: look now rather than at the next round
            reattached.poll(task);
        }
    }
}
