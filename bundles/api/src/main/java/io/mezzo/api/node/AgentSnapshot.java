package io.mezzo.api.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent knows about itself.
 *
 * @param agentId the id the master assigned, once registered (kept across restarts)
 * @param registered whether the agent currently holds a subscription with the leading master
 * @param master the leading master's base URL, empty while none is known (the agent then refuses
 *     every instruction)
 * @param totalResources everything this agent offers, in Mesos' text form ({@code cpus:4;mem:4096;...})
 * @param usedResources what its non-terminal tasks hold, in the same form
 * @param tasksByState number of known tasks per Mesos state name ({@code TASK_RUNNING} ...)
 * @param pendingStatusUpdates status updates not yet acknowledged by their frameworks
 * @param workDir where sandboxes and checkpoints live
 */
public record AgentSnapshot(Optional<String> agentId, boolean registered, Optional<String> master,
        String totalResources, String usedResources, Map<String, Integer> tasksByState,
        int pendingStatusUpdates, Path workDir) {

    public AgentSnapshot {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(totalResources, "totalResources");
        Objects.requireNonNull(usedResources, "usedResources");
        tasksByState = Map.copyOf(tasksByState);
        Objects.requireNonNull(workDir, "workDir");
    }
}
