package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.TaskState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which task state changes the master accepts. Terminal states are final, with one exception
 * kept from Mesos 1.5+: a task reported lost or unreachable because its agent vanished comes back
 * to life when that agent re-registers with it still running.
 */
public final class TaskStateMachine {
    private static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private TaskStateMachine() {
    }

    public static boolean isTerminal(TaskState state) {
        return TERMINAL.contains(state);
    }

    /** Whether a status update moving a task from {@code from} to {@code to} changes its state. */
    public static boolean allows(TaskState from, TaskState to) {
        if (from == to) {
            return false;
        }
        if (from == TaskState.TASK_UNREACHABLE) {
            return true;
        }
        return !isTerminal(from);
    }

    /** Re-registration of an agent that still runs the task: only lost/unreachable tasks revive. */
    public static boolean revivesOnReregistration(TaskState from) {
        return from == TaskState.TASK_LOST || from == TaskState.TASK_UNREACHABLE || !isTerminal(from);
    }
}
