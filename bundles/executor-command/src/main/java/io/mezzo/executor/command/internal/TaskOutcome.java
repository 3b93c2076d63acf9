package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.ExecutorTaskState;
import java.util.OptionalInt;

/**
 * How a task ended, worked out from what it left behind: the exit status its wrapper recorded (if it
 * got that far) and whether anyone asked for it to be killed.
 */
record TaskOutcome(ExecutorTaskState state, String message, OptionalInt exitCode) {

    static TaskOutcome of(OptionalInt exitStatus, boolean killRequested, long pid) {
        if (killRequested) {
            // as Mesos' command executor: once killed, the task is KILLED however its process ended
            return new TaskOutcome(ExecutorTaskState.KILLED, "Task killed", exitStatus);
        }
        if (exitStatus.isEmpty()) {
            return new TaskOutcome(ExecutorTaskState.FAILED, "Task process " + pid
                    + " ended without recording an exit status (killed outside the executor?)", exitStatus);
        }
        int status = exitStatus.getAsInt();
        return new TaskOutcome(status == 0 ? ExecutorTaskState.FINISHED : ExecutorTaskState.FAILED,
                "Command exited with status " + status, exitStatus);
    }
}
