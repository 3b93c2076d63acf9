package io.mezzo.api.executor;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One status change of a task, as seen by its executor.
 *
 * @param taskId the task
 * @param state its new state
 * @param message a human-readable reason, empty if there is nothing to add
 * @param exitCode the process' exit status, present only once the process has ended with one
 * @param timestamp when the executor observed the change
 */
public record TaskUpdate(String taskId, ExecutorTaskState state, String message, OptionalInt exitCode,
        Instant timestamp) {

    public TaskUpdate {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Whether this is the task's last update. */
    public boolean isTerminal() {
        return state.isTerminal();
    }
}
