package io.mezzo.executor.command.internal;

import static org.awaitility.Awaitility.await;

import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.TaskListener;
import io.mezzo.api.executor.TaskUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects every update it is given, in arrival order, for tests to wait on and inspect. */
final class RecordingListener implements TaskListener {
    private final ConcurrentLinkedQueue<TaskUpdate> updates = new ConcurrentLinkedQueue<>();

    @Override
    public void onUpdate(TaskUpdate update) {
        updates.add(update);
    }

    List<TaskUpdate> updates(String taskId) {
        return updates.stream().filter(u -> u.taskId().equals(taskId)).toList();
    }

    List<ExecutorTaskState> states(String taskId) {
        return updates(taskId).stream().map(TaskUpdate::state).toList();
    }

    Optional<TaskUpdate> terminal(String taskId) {
        return updates(taskId).stream().filter(TaskUpdate::isTerminal).findFirst();
    }

    long terminalCount() {
        return updates.stream().filter(TaskUpdate::isTerminal).count();
    }

    TaskUpdate awaitTerminal(String taskId, Duration atMost) {
        await().atMost(atMost).until(() -> terminal(taskId).isPresent());
        return terminal(taskId).orElseThrow();
    }

    TaskUpdate awaitTerminal(String taskId) {
        return awaitTerminal(taskId, Duration.ofSeconds(10));
    }

    void awaitState(String taskId, ExecutorTaskState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> states(taskId).contains(state));
    }
}
