package io.mezzo.api.executor;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A task an executor is responsible for: launched by it, or re-attached by
 * {@link Executor#recover}.
 *
 * @param launch what was launched (for recovered tasks, as read back from the executor's checkpoint)
 * @param termination completes with the task's terminal update, the same one its listener receives
 */
public record RunningTask(TaskLaunch launch, CompletionStage<TaskUpdate> termination) {

    public RunningTask {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(termination, "termination");
    }

    public String taskId() {
        return launch.taskId();
    }
}
