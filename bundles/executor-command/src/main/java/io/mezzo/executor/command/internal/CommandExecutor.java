package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.Executor;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks as OS processes (see {@link TaskWrapper} for the process layout) and finds them again
 * after a restart. Threads: a small pool prepares and spawns tasks; each spawned task's exit arrives
 * on the JDK's process reaper thread; one scheduler thread sends kill signals, fires grace-period
 * timers and polls re-attached tasks. {@link #tasks} (concurrent) is the only shared map.
 *
 * <p>{@link #close} stops watching but leaves every task running; {@link #shutdown} kills them.
 */
public final class CommandExecutor implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final Clock clock;
    private final TaskWrapper wrapper;
    private final UriFetcher fetcher;
    private final String bootId;
    private final Map<String, CommandTask> tasks = new ConcurrentHashMap<>();
    private final ExecutorService launcher;
    private final ScheduledExecutorService scheduler;
    private final ReattachedTasks reattached;
    private final TaskKiller killer;
    private final AtomicBoolean closed = new AtomicBoolean();

    public CommandExecutor(CommandExecutorSettings settings, Clock clock) {
        this.clock = clock;
        this.wrapper = new TaskWrapper(settings.tools(), settings.baseEnvironment());
        this.fetcher = new UriFetcher(settings.tools().tar());
        this.bootId = ProcessStat.bootId();
        this.launcher = Executors.newFixedThreadPool(settings.launchThreads(), named("mezzo-executor-launch"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("mezzo-executor-timer"));
        this.reattached = new ReattachedTasks(this::finish);
        this.killer = new TaskKiller(new ProcessGroupSignaller(settings.tools().kill()), scheduler, reattached);
        long poll = settings.reattachPollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(reattached::poll, poll, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public RunningTask launch(TaskLaunch launch, TaskListener listener) {
        requireOpen();
        CommandTask task = new CommandTask(launch, listener, clock, closed::get);
        CommandTask known = tasks.putIfAbsent(launch.taskId(), task);
        // a task that just ended may linger for a moment: its id is free again
        if (known != null && !(known.isTerminal() && tasks.replace(launch.taskId(), known, task))) {
            throw new IllegalStateException("Task " + launch.taskId() + " is already running");
        }
        task.termination().whenComplete((update, e) -> tasks.remove(task.taskId(), task));
        launcher.execute(() -> start(task));
        return task.asRunningTask();
    }

    private void start(CommandTask task) {
        task.report(ExecutorTaskState.STARTING, "");
        TaskLaunch launch = task.launch();
        try {
            task.files().prepare();
            launch.user().ifPresent(user -> LOG.info("Task {} asked to run as '{}'; the command executor runs "
                    + "every task as the agent's user", launch.taskId(), user));
            fetcher.fetchAll(launch.uris(), launch.sandbox());
        } catch (UriFetcher.FetchException e) {
            task.report(ExecutorTaskState.FAILED, e.getMessage());
            return;
        } catch (IOException e) {
            task.report(ExecutorTaskState.FAILED, "Cannot prepare sandbox " + launch.sandbox() + ": " + e);
            return;
        }
        TaskProcess process = spawn(task);
        if (process == null) {
            return;
        }
        try {
            new TaskCheckpoint(launch, process.pid(), process.startTicks(), bootId).write(task.files());
        } catch (IOException e) {
            // the task runs, but a restarted agent will not find it; worth an operator's attention
            LOG.error("Cannot checkpoint task {}; it will not be recovered after a restart", launch.taskId(), e);
        }
        task.report(ExecutorTaskState.RUNNING, "");
        // registered after RUNNING was sent, so the terminal update cannot overtake it
        process.child().orElseThrow().onExit().thenRun(() -> finish(task));
    }

    /** Spawns the wrapper unless a kill came first; reports the failure and returns null otherwise. */
    private TaskProcess spawn(CommandTask task) {
        ExecutorTaskState failure;
        String message;
        synchronized (task) {
            if (!task.isKillRequested()) {
                try {
                    TaskProcess process = TaskProcess.child(wrapper.processBuilder(task.launch(), task.files()).start());
                    task.attach(process);
                    return process;
                } catch (IOException e) {
                    failure = ExecutorTaskState.FAILED;
                    message = "Cannot start the task's process: " + e.getMessage();
                }
            } else {
                failure = ExecutorTaskState.KILLED;
                message = "Task killed before it started";
            }
        }
        task.report(failure, message);
        return null;
    }

    /** The task's wrapper ended (or was found ended): report what it left behind. */
    private void finish(CommandTask task) {
        TaskProcess process = task.process();
        boolean killed = task.isKillRequested() || task.files().isKillRequested();
        TaskOutcome outcome = TaskOutcome.of(task.files().readExitStatus(), killed, process == null ? 0 : process.pid());
        task.report(outcome.state(), outcome.message(), outcome.exitCode());
    }

    @Override
    public boolean kill(String taskId, Duration gracePeriod) {
        CommandTask task = tasks.get(taskId);
        if (task == null || task.isTerminal()) {
            return false;
        }
        TaskProcess process = task.requestKill();
        if (process != null) {
            killer.kill(task, process, gracePeriod);
        }
        // else not spawned yet: the launcher sees the request and reports KILLED instead of spawning
        return true;
    }

    @Override
    public List<RunningTask> recover(Collection<Path> sandboxes, TaskListener listener) {
        requireOpen();
        List<RunningTask> found = new ArrayList<>();
        for (Path sandbox : sandboxes) {
            TaskCheckpoint checkpoint;
            try {
                checkpoint = TaskCheckpoint.read(new TaskFiles(sandbox)).orElse(null);
            } catch (IOException e) {
                LOG.error("Cannot recover the task in {}", sandbox, e);
                continue;
            }
            if (checkpoint != null) {
                found.add(recover(checkpoint, listener));
            }
        }
        return found;
    }

    private RunningTask recover(TaskCheckpoint checkpoint, TaskListener listener) {
        CommandTask task = new CommandTask(checkpoint.launch(), listener, clock, closed::get);
        CommandTask known = tasks.putIfAbsent(task.taskId(), task);
        if (known != null) {
            return known.asRunningTask();
        }
        task.termination().whenComplete((update, e) -> tasks.remove(task.taskId(), task));
        TaskProcess process = TaskProcess.recovered(checkpoint.pid(), checkpoint.startTicks());
        task.attach(process);
        if (task.files().isKillRequested()) {
            task.requestKill();
        }
        if (!task.files().hasExitStatus() && !bootId.equals(checkpoint.bootId())) {
            task.report(ExecutorTaskState.FAILED, "The machine rebooted while the task ran");
        } else if (!task.files().hasExitStatus() && process.isAlive()) {
            LOG.info("Re-attached to task {} (process group {})", task.taskId(), process.pid());
            task.report(ExecutorTaskState.RUNNING, "Re-attached after an executor restart");
            reattached.watch(task);
            // a kill was under way when the previous executor went: finish it
            task.files().requestedKillGracePeriod().ifPresent(grace -> kill(task.taskId(), grace));
        } else {
            finish(task);
        }
        return task.asRunningTask();
    }

    @Override
    public List<RunningTask> tasks() {
        return tasks.values().stream().filter(t -> !t.isTerminal()).map(CommandTask::asRunningTask).toList();
    }

    @Override
    public CompletionStage<Void> shutdown(Duration gracePeriod) {
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (CommandTask task : tasks.values()) {
            kill(task.taskId(), gracePeriod);
            ends.add(task.termination());
        }
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).minimalCompletionStage();
    }

    /**
     * Stops watching and frees the threads, leaving every task running for a later {@link #recover}.
     * Launches already accepted are still spawned (for up to 10 s), so none is lost half-way.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        launcher.shutdown();
        try {
            if (!launcher.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Launches still pending after {} s; their tasks may not be recoverable", CLOSE_TIMEOUT_SECONDS);
                launcher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        LOG.info("Command executor closed; {} task(s) left running", tasks.size());
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The command executor is closed");
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
