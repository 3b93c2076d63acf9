package io.mezzo.shell.internal;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.resources.InvalidResourceException;
import io.mezzo.api.resources.Resources;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code mezzo:state}: the cluster on one screen. An overview (leader, agents, frameworks, tasks
 * by state) and the resources table: per resource name the cluster's total, what tasks use, what
 * is out in offers and what is left to allocate, summed over the agents.
 */
public final class ClusterSummary {

    private ClusterSummary() {
    }

    public static Table overview(MasterSnapshot leader, boolean leaderIsThisNode, List<AgentSnapshot> agents,
            List<FrameworkSnapshot> frameworks, List<TaskSnapshot> tasks) {
        long activeAgents = agents.stream().filter(AgentSnapshot::active).count();
        long unreachable = agents.stream().filter(AgentSnapshot::unreachable).count();
        long activeFrameworks = frameworks.stream().filter(FrameworkSnapshot::active).count();
        return Table.withHeaders("", "")
                .row("Leader", Leadership.describe(leader) + (leaderIsThisNode ? ", this node" : ""))
                .row("Agents", activeAgents + " active, " + (agents.size() - activeAgents - unreachable) + " inactive"
                        + (unreachable > 0 ? ", " + unreachable + " unreachable" : ""))
                .row("Maintenance", maintenance(agents))
                .row("Frameworks", activeFrameworks + " active, " + (frameworks.size() - activeFrameworks) + " inactive")
                .row("Tasks", tasksByState(tasks))
                .build();
    }

    /** {@code 1 deactivated, 2 draining, 1 drained}; "none" when no agent is under maintenance. */
    static String maintenance(List<AgentSnapshot> agents) {
        Map<String, Long> counts = agents.stream().map(AgentSnapshot::maintenance).filter(m -> !m.isEmpty())
                .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
        if (counts.isEmpty()) {
            return "none";
        }
        return List.of("deactivated", "draining", "drained").stream().filter(counts::containsKey)
                .map(m -> counts.get(m) + " " + m).collect(Collectors.joining(", "));
    }

    /** {@code TASK_RUNNING 3, TASK_FINISHED 10} in Mesos' state order; "none" when there are none. */
    static String tasksByState(List<TaskSnapshot> tasks) {
        if (tasks.isEmpty()) {
            return "none";
        }
        List<String> order = TaskStates.names();
        Map<String, Long> counts = tasks.stream().collect(Collectors.groupingBy(TaskSnapshot::state,
                () -> new TreeMap<>(Comparator.comparingInt((String state) -> rank(order, state))
                        .thenComparing(Comparator.naturalOrder())),
                Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static int rank(List<String> order, String state) {
        int index = order.indexOf(state);
        return index < 0 ? order.size() : index;
    }

    /** One row per scalar resource name: TOTAL, USED, OFFERED, FREE (= total − used − offered). */
    public static Table resources(List<AgentSnapshot> agents) {
        Resources total = sum(agents, AgentSnapshot::totalResources);
        Resources used = sum(agents, AgentSnapshot::usedResources);
        Resources offered = sum(agents, AgentSnapshot::offeredResources);
        Resources free = total.minus(used).minus(offered);
        Table.Builder table = Table.withHeaders("RESOURCE", "TOTAL", "USED", "OFFERED", "FREE")
                .whenEmpty("No resources (no agents registered).");
        for (String name : total.names()) {
            if (!total.scalarSum(name).isEmpty()) {
                table.row(name, total.scalarSum(name).toString(), used.scalarSum(name).toString(),
                        offered.scalarSum(name).toString(), free.scalarSum(name).toString());
            }
        }
        return table.build();
    }

    /** The sum of each agent's resources in text form; "" counts as nothing. */
    static Resources sum(List<AgentSnapshot> agents, Function<AgentSnapshot, String> text) {
        Resources sum = Resources.empty();
        for (AgentSnapshot agent : agents) {
            String resources = text.apply(agent);
            if (resources == null || resources.isBlank()) {
                continue;
            }
            try {
                sum = sum.plus(Resources.parse(resources));
            } catch (InvalidResourceException e) {
                throw new ShellFailure("Agent " + agent.id() + " reports unreadable resources '" + resources
                        + "': " + e.getMessage(), e);
            }
        }
        return sum;
    }
}
