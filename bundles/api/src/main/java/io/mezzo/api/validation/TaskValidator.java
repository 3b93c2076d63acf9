package io.mezzo.api.validation;

import io.mezzo.api.resources.InvalidResourceException;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks one task of a LAUNCH the way the Mesos master does (src/master/validation.cpp,
 * {@code task::validate}), in the same order, with the same reasons; the master sends a reason
 * back as the message of a TASK_ERROR update. See {@link LaunchValidator} for a whole LAUNCH.
 */
public final class TaskValidator {
    /** NAME_MAX: ids become directory names on agents. */
    static final int MAX_ID_LENGTH = 255;

    private TaskValidator() {}

    /**
     * Why {@code task} cannot be launched, or empty if it can.
     *
     * @param agentId the agent of the offers the task is launched with
     * @param available what is left of the offered resources for this task
     * @param taskIdsInUse ids of the framework's live tasks and of tasks launched earlier in the
     *     same call
     */
    public static Optional<String> validate(TaskInfo task, AgentID agentId, Resources available,
            Set<String> taskIdsInUse) {
        return validate(task, agentId, available, (Predicate<String>) taskIdsInUse::contains);
    }

    /**
     * As {@link #validate(TaskInfo, AgentID, Resources, Set)}, asking {@code taskIdInUse} rather
     * than a set, so a caller need not copy the ids of every task it knows for each launch.
     */
    public static Optional<String> validate(TaskInfo task, AgentID agentId, Resources available,
            Predicate<String> taskIdInUse) {
        return validate(task, agentId, available, taskIdInUse, t -> Resources.fromProtos(t.getResourcesList()));
    }

    /**
     * As {@link #validate(TaskInfo, AgentID, Resources, Predicate)}, with {@code ownResources}
     * converting the task's own resources, throwing {@link InvalidResourceException} if they are
     * invalid: a LAUNCH validates and converts each distinct task shape once (see {@link LaunchValidator}).
     */
    static Optional<String> validate(TaskInfo task, AgentID agentId, Resources available,
            Predicate<String> taskIdInUse, Function<TaskInfo, Resources> ownResources) {
        String taskId = task.getTaskId().getValue();
        Optional<String> badId = validateId(taskId);
        if (badId.isPresent()) {
            return Optional.of("Task has an invalid TaskID: " + badId.get());
        }
        if (taskIdInUse.test(taskId)) {
            return Optional.of("Task has duplicate ID: " + taskId);
        }
        if (!task.getAgentId().getValue().equals(agentId.getValue())) {
            return Optional.of("Task uses invalid agent " + task.getAgentId().getValue() + " while agent "
                    + agentId.getValue() + " is expected");
        }
        if (task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
            return Optional.of("Task's 'kill_policy.grace_period' must be non-negative");
        }
        if (task.getMaxCompletionTime().getNanoseconds() < 0) {
            return Optional.of("Task's `max_completion_time` must be non-negative");
        }
        if (task.getResourcesCount() == 0) {
            return Optional.of("Task uses no resources");
        }
        Resources own;
        try {
            own = ownResources.apply(task);
        } catch (InvalidResourceException e) {
            return Optional.of("Task uses invalid resources: " + e.getMessage());
        }
        if (task.hasExecutor() == task.hasCommand()) {
            return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
        }
        return validateExecutorAndFit(task, available, own);
    }

    /** What a task takes, given its own resources already converted: those, or with its executor's. */
    static Resources takes(TaskInfo task, Resources own) {
        return task.hasExecutor() ? required(task) : own;
    }

    /** The resources a task takes from an offer: its own plus its executor's. */
    public static Resources required(TaskInfo task) {
        List<Resource> all = new ArrayList<>(task.getResourcesList());
        if (task.hasExecutor()) {
            all.addAll(task.getExecutor().getResourcesList());
        }
        return Resources.fromProtos(all);
    }

    /**
     * Mesos' rules for an id (task, executor, framework): not empty, at most 255 characters, not
     * "." or "..", no control characters and no slashes (ids become paths on agents).
     */
    public static Optional<String> validateId(String id) {
        if (id.isEmpty()) {
            return Optional.of("ID must not be empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.of("ID must not be greater than " + MAX_ID_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("'" + id + "' is disallowed");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\') {
                return Optional.of("'" + id + "' contains invalid characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> validateExecutorAndFit(TaskInfo task, Resources available, Resources own) {
        if (task.hasExecutor()) {
            if (!task.getExecutor().hasCommand()) {
                return Optional.of("'ExecutorInfo.command' must be set");
            }
            Optional<String> badResources = Resources.validate(task.getExecutor().getResourcesList());
            if (badResources.isPresent()) {
                return Optional.of("Executor uses invalid resources: " + badResources.get());
            }
        }
        Resources total = takes(task, own);
        if (!available.contains(total)) {
            return Optional.of("Total resources " + total + " required by task and its executor is more than available "
                    + available);
        }
        return Optional.empty();
    }
}
