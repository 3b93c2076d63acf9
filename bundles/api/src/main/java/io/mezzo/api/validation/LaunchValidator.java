package io.mezzo.api.validation;

import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks the tasks of a LAUNCH in order, as the Mesos master does: each valid task takes its
 * resources from what the offers still hold and claims its id, so a later task can reuse
 * neither. Invalid tasks are rejected one by one (TASK_ERROR) without affecting the others.
 */
public final class LaunchValidator {
    private LaunchValidator() {}

    /** A task that must not be launched, and the message for its TASK_ERROR update. */
    public record Rejection(TaskInfo task, String reason) {}

    /** The outcome of checking one LAUNCH: tasks to launch, tasks to fail, offer leftovers. */
    public record LaunchCheck(List<TaskInfo> accepted, List<Rejection> rejected, Resources remaining,
            List<Resources> acceptedResources) {
        public LaunchCheck {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
            acceptedResources = List.copyOf(acceptedResources);
        }

        /** What each accepted task takes (its own and its executor's resources), in order. */
        public Resources resourcesOf(int acceptedIndex) {
            return acceptedResources.get(acceptedIndex);
        }
    }

    /**
     * @param tasks the LAUNCH's task_infos, in order
     * @param agentId the agent of the accepted offers
     * @param offered the sum of the accepted offers' resources
     * @param liveTaskIds ids of the framework's tasks the master already knows
     */
    public static LaunchCheck validate(List<TaskInfo> tasks, AgentID agentId, Resources offered,
            Set<String> liveTaskIds) {
        return validate(tasks, agentId, offered, (Predicate<String>) liveTaskIds::contains);
    }

    /**
     * As {@link #validate(List, AgentID, Resources, Set)}, asking {@code knownTaskId} whether the
     * framework already has a task of an id: a master with thousands of tasks per framework must
     * not copy their ids for every LAUNCH.
     */
    public static LaunchCheck validate(List<TaskInfo> tasks, AgentID agentId, Resources offered,
            Predicate<String> knownTaskId) {
        Set<String> claimed = new HashSet<>();
        Predicate<String> taken = id -> claimed.contains(id) || knownTaskId.test(id);
        Resources remaining = offered;
        List<TaskInfo> accepted = new ArrayList<>();
        List<Resources> acceptedResources = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        ShapeMemo own = new ShapeMemo();
        for (TaskInfo task : tasks) {
            Optional<String> reason = TaskValidator.validate(task, agentId, remaining, taken, own);
            if (reason.isPresent()) {
                rejected.add(new Rejection(task, reason.get()));
                continue;
            }
            Resources takes = TaskValidator.takes(task, own.apply(task));
            accepted.add(task);
            acceptedResources.add(takes);
            claimed.add(task.getTaskId().getValue());
            remaining = remaining.minus(takes);
        }
        return new LaunchCheck(accepted, rejected, remaining, acceptedResources);
    }

    /**
     * A task's own resources, validated and converted once per distinct list: the tasks of one
     * LAUNCH mostly share a shape, and the validator and the launch both ask for each task.
     * Throws {@link io.mezzo.api.resources.InvalidResourceException} for an invalid list (not kept).
     */
    private static final class ShapeMemo implements Function<TaskInfo, Resources> {
        private List<Resource> shape;
        private Resources resources;

        @Override
        public Resources apply(TaskInfo task) {
            if (!task.getResourcesList().equals(shape)) {
                resources = Resources.fromProtos(task.getResourcesList());
                shape = task.getResourcesList();
            }
            return resources;
        }
    }
}
