package io.mezzo.shell.internal;

import io.mezzo.api.master.TaskSnapshot;
import java.util.List;
import java.util.Optional;

/** Picks tasks from the master's list: filters for {@code mezzo:tasks}, one task for kill and sandbox. */
public final class TaskSelection {

    private TaskSelection() {
    }

    /**
     * @param state a state as typed (see {@link TaskStates#normalize}), or empty for all
     * @param frameworkId a framework id, or empty for all
     */
    public static List<TaskSnapshot> filter(List<TaskSnapshot> tasks, Optional<String> state,
            Optional<String> frameworkId) {
        Optional<String> wanted = state.map(TaskStates::normalize);
        return tasks.stream()
                .filter(t -> wanted.map(t.state()::equals).orElse(true))
                .filter(t -> frameworkId.map(t.frameworkId()::equals).orElse(true))
                .toList();
    }

    /**
     * The one task with this id. Task ids are unique only within a framework, so when several
     * frameworks have a task of that id the operator has to say which framework is meant.
     *
     * @throws ShellFailure if there is no such task, or several and no framework given
     */
    public static TaskSnapshot single(List<TaskSnapshot> tasks, String taskId, Optional<String> frameworkId) {
        List<TaskSnapshot> matches = filter(tasks.stream().filter(t -> t.id().equals(taskId)).toList(),
                Optional.empty(), frameworkId);
        if (matches.isEmpty()) {
            throw new ShellFailure(frameworkId.map(f -> "Unknown task " + taskId + " in framework " + f)
                    .orElse("Unknown task " + taskId));
        }
        if (matches.size() > 1) {
            throw new ShellFailure("Task id " + taskId + " exists in frameworks "
                    + String.join(", ", matches.stream().map(TaskSnapshot::frameworkId).sorted().toList())
                    + "; choose one with --framework");
        }
        return matches.get(0);
    }
}
