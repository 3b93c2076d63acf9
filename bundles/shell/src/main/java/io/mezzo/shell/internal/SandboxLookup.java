package io.mezzo.shell.internal;

import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.node.AgentSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the sandbox of a task on this node's agent. Where the leading master runs here, it says
 * which framework and agent the task belongs to (and so whether it ran here at all); on other
 * nodes the agent's work dir is searched for the task id.
 */
public final class SandboxLookup {

    /** A task's latest sandbox on this node, and the framework it belongs to. */
    public record Found(String frameworkId, String agentId, Path sandbox) {
    }

    private SandboxLookup() {
    }

    /**
     * @param master the local master, or null; used only if it leads
     * @throws ShellFailure if the task is unknown, ambiguous, ran elsewhere or has no sandbox yet
     */
    public static Found find(MasterView master, AgentSnapshot agent, String taskId, Optional<String> frameworkId)
            throws IOException {
        String localAgent = agent.agentId().orElseThrow(() -> new ShellFailure(
                "This node's agent has not registered with a master yet, so it has no sandboxes"));
        Sandboxes sandboxes = new Sandboxes(agent.workDir());
        String framework;
        if (master != null && master.isLeader()) {
            TaskSnapshot task = TaskSelection.single(master.tasks(), taskId, frameworkId);
            if (!task.agentId().equals(localAgent)) {
                throw new ShellFailure("Task " + taskId + " ran on agent " + task.agentId()
                        + ", not on this node's agent " + localAgent + ": run mezzo:sandbox on that node");
            }
            framework = task.frameworkId();
        } else {
            List<String> frameworks = sandboxes.frameworksWithTask(localAgent, taskId).stream()
                    .filter(f -> frameworkId.map(f::equals).orElse(true)).toList();
            if (frameworks.isEmpty()) {
                throw new ShellFailure("No sandbox for task " + taskId + " on this node's agent " + localAgent);
            }
            if (frameworks.size() > 1) {
                throw new ShellFailure("Task id " + taskId + " has sandboxes in frameworks "
                        + String.join(", ", frameworks) + "; choose one with --framework");
            }
            framework = frameworks.get(0);
        }
        Path sandbox = sandboxes.latestRun(localAgent, framework, taskId).orElseThrow(() -> new ShellFailure(
                "Task " + taskId + " has no sandbox on this node yet (not launched, or already cleaned up)"));
        return new Found(framework, localAgent, sandbox);
    }
}
