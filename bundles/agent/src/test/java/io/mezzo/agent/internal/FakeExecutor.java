package io.mezzo.agent.internal;

import io.mezzo.api.executor.Executor;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import io.mezzo.api.executor.TaskUpdate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The executor's side, for tests of the agent: records launches and kills; the test decides when
 * a task reports which state. {@link #recover} re-attaches to the tasks named "alive".
 */
class FakeExecutor implements Executor {
    final List<TaskLaunch> launches = new CopyOnWriteArrayList<>();
    final Map<String, Duration> kills = new ConcurrentHashMap<>();
    final List<Path> recovered = new CopyOnWriteArrayList<>();
    final Map<String, TaskLaunch> alive = new ConcurrentHashMap<>();
    private final Map<String, TaskListener> listeners = new ConcurrentHashMap<>();
    private volatile boolean shutdownCalled;

    void report(String taskId, ExecutorTaskState state) {
        listeners.get(taskId).onUpdate(new TaskUpdate(taskId, state, state == ExecutorTaskState.FINISHED
                ? "Command exited with status 0" : "", state.isTerminal() ? OptionalInt.of(0) : OptionalInt.empty(),
                Instant.now()));
        if (state.isTerminal()) {
            alive.remove(taskId);
        }
    }

    @Override
    public RunningTask launch(TaskLaunch launch, TaskListener listener) {
        launches.add(launch);
        listeners.put(launch.taskId(), listener);
        alive.put(launch.taskId(), launch);
        return new RunningTask(launch, new CompletableFuture<>());
    }

    @Override
    public boolean kill(String taskId, Duration gracePeriod) {
        kills.put(taskId, gracePeriod);
        return alive.containsKey(taskId);
    }

    @Override
    public List<RunningTask> recover(Collection<Path> sandboxes, TaskListener listener) {
        recovered.addAll(sandboxes);
        List<RunningTask> found = new ArrayList<>();
        for (TaskLaunch launch : alive.values()) {
            if (sandboxes.contains(launch.sandbox())) {
                listeners.put(launch.taskId(), listener);
                found.add(new RunningTask(launch, new CompletableFuture<>()));
            }
        }
        return found;
    }

    @Override
    public List<RunningTask> tasks() {
        return alive.values().stream().map(l -> new RunningTask(l, new CompletableFuture<>())).toList();
    }

    @Override
    public CompletionStage<Void> shutdown(Duration gracePeriod) {
        shutdownCalled = true;
        return CompletableFuture.completedFuture(null);
    }

    boolean shutdownCalled() {
        return shutdownCalled;
    }
}
