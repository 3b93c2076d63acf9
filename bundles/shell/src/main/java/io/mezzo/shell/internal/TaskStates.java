package io.mezzo.shell.internal;

import io.mezzo.api.v1.Protos.TaskState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Task state names as the operator may type them ({@code running}, {@code TASK_RUNNING}). */
public final class TaskStates {
    /** States after which a task never changes again. */
    public static final Set<String> TERMINAL = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR",
            "TASK_LOST", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");

    private TaskStates() {
    }

    /** Every state's full name, in the order Mesos declares them. */
    public static List<String> names() {
        return Arrays.stream(TaskState.values()).map(TaskState::name).toList();
    }

    /**
     * The full name of a state typed with or without the {@code TASK_} prefix, in any case.
     *
     * @throws ShellFailure for a name that is no task state
     */
    public static String normalize(String typed) {
        String upper = typed.strip().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("TASK_") ? upper : "TASK_" + upper;
        if (!names().contains(full)) {
            throw new ShellFailure("Unknown task state '" + typed + "'; one of: "
                    + String.join(", ", names()));
        }
        return full;
    }

    public static boolean isTerminal(String state) {
        return TERMINAL.contains(state);
    }
}
