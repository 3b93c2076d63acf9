package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import io.mezzo.api.executor.TaskUpdate;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's state as the executor sees it. The launcher thread, the process-exit callback, the
 * re-attach poller and {@code kill} all touch it, so the mutable fields are guarded by this object's
 * monitor. Updates are delivered outside the monitor; their order per task follows from who reports
 * when (STARTING and RUNNING by the launcher before it watches for the exit), and the terminal state
 * is reported exactly once.
 */
final class CommandTask {
    private static final Logger LOG = LoggerFactory.getLogger(CommandTask.class);

    private final TaskLaunch launch;
    private final TaskFiles files;
    private final TaskListener listener;
    private final Clock clock;
    private final BooleanSupplier muted;
    private final CompletableFuture<TaskUpdate> termination = new CompletableFuture<>();
    private boolean killRequested;
    private TaskProcess process;
    private boolean terminal;

    /** @param muted true once the owning executor is closed: its listeners must hear no more */
    CommandTask(TaskLaunch launch, TaskListener listener, Clock clock, BooleanSupplier muted) {
        this.launch = launch;
        this.files = new TaskFiles(launch.sandbox());
        this.listener = listener;
        this.clock = clock;
        this.muted = muted;
    }

    TaskLaunch launch() {
        return launch;
    }

    String taskId() {
        return launch.taskId();
    }

    TaskFiles files() {
        return files;
    }

    RunningTask asRunningTask() {
        return new RunningTask(launch, termination.minimalCompletionStage());
    }

    CompletableFuture<TaskUpdate> termination() {
        return termination;
    }

    synchronized boolean isTerminal() {
        return terminal;
    }

    synchronized boolean isKillRequested() {
        return killRequested;
    }

    /** Records a kill; returns the process to signal, or null if it has not been spawned (yet). */
    synchronized TaskProcess requestKill() {
        killRequested = true;
        return process;
    }

    synchronized void attach(TaskProcess spawned) {
        this.process = spawned;
    }

    synchronized TaskProcess process() {
        return process;
    }

    void report(ExecutorTaskState state, String message) {
        report(state, message, OptionalInt.empty());
    }

    /** Sends an update unless the task already ended; returns whether it was sent. */
    boolean report(ExecutorTaskState state, String message, OptionalInt exitCode) {
        synchronized (this) {
            if (terminal) {
                return false;
            }
            terminal = state.isTerminal();
        }
        TaskUpdate update = new TaskUpdate(launch.taskId(), state, message, exitCode, clock.instant());
        LOG.debug("Task {}: {} {}", launch.taskId(), state, message);
        if (!muted.getAsBoolean()) {
            try {
                listener.onUpdate(update);
            } catch (RuntimeException e) {
                LOG.warn("Listener of task {} failed on {}", launch.taskId(), state, e);
            }
        }
        if (update.isTerminal()) {
            termination.complete(update);
        }
        return true;
    }
}
