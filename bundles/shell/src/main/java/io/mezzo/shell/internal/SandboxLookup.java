package io.mezzo.shell.internal;

import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.node.AgentSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the sandbox of a task on this node's agent. Where the leading master runs here and knows
 * the task, it says which framework and agent the task belongs to (and so whether it ran here at
 * all); otherwise the agent's work dir is searched for the task id.
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
        Optional<TaskSnapshot> known = knownToLeader(master, taskId, frameworkId);
        String framework;
        if (known.isPresent()) {
            if (!known.get().agentId().equals(localAgent)) {
                throw new ShellFailure("Task " + taskId + " ran on agent " + known.get().agentId()
                        + ", not on this node's agent " + localAgent + ": run mezzo:sandbox on that node");
            }
            framework = known.get().frameworkId();
        } else {
            framework = searchWorkDir(sandboxes, localAgent, taskId, frameworkId);
        }
        Path sandbox = sandboxes.latestRun(localAgent, framework, taskId).orElseThrow(() -> new ShellFailure(
                "Task " + taskId + " has no sandbox on this node yet (not launched, or already cleaned up)"));
        return new Found(framework, localAgent, sandbox);
    }

    /**
     * The task as the leading master here knows it. A master forgets the tasks of a framework
     * that was torn down (every mezzo:exec ends so), so "unknown to the master" is no error: the
     * work dir may still hold the sandbox.
     */
    private static Optional<TaskSnapshot> knownToLeader(MasterView master, String taskId,
            Optional<String> frameworkId) {
        if (master == null || !master.isLeader()) {
            return Optional.empty();
        }
        List<TaskSnapshot> matches = master.tasks().stream().filter(t -> t.id().equals(taskId))
                .filter(t -> frameworkId.map(t.frameworkId()::equals).orElse(true)).toList();
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TaskSelection.single(matches, taskId, frameworkId));
    }

    private static String searchWorkDir(Sandboxes sandboxes, String localAgent, String taskId,
            Optional<String> frameworkId) throws IOException {
        List<String> frameworks = sandboxes.frameworksWithTask(localAgent, taskId).stream()
                .filter(f -> frameworkId.map(f::equals).orElse(true)).toList();
        if (frameworks.isEmpty()) {
            throw new ShellFailure("No sandbox for task " + taskId + " on this node's agent " + localAgent);
        }
        if (frameworks.size() > 1) {
            throw new ShellFailure("Task id " + taskId + " has sandboxes in frameworks "
                    + String.join(", ", frameworks) + "; choose one with --framework");
        }
        return frameworks.get(0);
    }
}
