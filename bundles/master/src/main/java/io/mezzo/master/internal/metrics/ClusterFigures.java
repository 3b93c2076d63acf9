package io.mezzo.master.internal.metrics;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts and sums an operator watches, computed once from one set of master snapshots so the
 * MBean and {@code /metrics/snapshot} always agree. Agents, as Mesos counts them: active (offered
 * from), inactive (reachable but not offered from), unreachable; and under maintenance: deactivated
 * (draining and drained ones included), draining, drained.
 */
public record ClusterFigures(boolean leader, int activeAgents, int inactiveAgents, int unreachableAgents,
        int deactivatedAgents, int drainingAgents, int drainedAgents, int activeFrameworks,
        int inactiveFrameworks, Map<String, Integer> tasksByState, Resources total, Resources used,
        Resources offered, int offers) {

    public static ClusterFigures of(MasterView master) {
        return of(master.isLeader(), master.agents(), master.frameworks(), master.tasks(), master.offers());
    }

    static ClusterFigures of(boolean leader, List<AgentSnapshot> agents, List<FrameworkSnapshot> frameworks,
            List<TaskSnapshot> tasks, List<OfferSnapshot> offers) {
        int activeAgents = (int) agents.stream().filter(AgentSnapshot::active).count();
        int unreachable = (int) agents.stream().filter(AgentSnapshot::unreachable).count();
        int deactivated = (int) agents.stream().filter(AgentSnapshot::deactivated).count();
        int draining = (int) agents.stream().filter(a -> "DRAINING".equals(a.drainState())).count();
        int drained = (int) agents.stream().filter(a -> "DRAINED".equals(a.drainState())).count();
        int activeFrameworks = (int) frameworks.stream().filter(FrameworkSnapshot::active).count();
        Map<String, Integer> byState = new TreeMap<>();
        tasks.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        Resources total = Resources.empty();
        Resources used = Resources.empty();
        Resources offered = Resources.empty();
        for (AgentSnapshot agent : agents) {
            total = total.plus(parse(agent.totalResources()));
            used = used.plus(parse(agent.usedResources()));
            offered = offered.plus(parse(agent.offeredResources()));
        }
        return new ClusterFigures(leader, activeAgents, agents.size() - activeAgents - unreachable, unreachable,
                deactivated, draining, drained, activeFrameworks,
                frameworks.size() - activeFrameworks, byState, total, used, offered, offers.size());
    }

    public int tasks(String state) {
        return tasksByState.getOrDefault(state, 0);
    }

    private static Resources parse(String text) {
        return text == null || text.isBlank() ? Resources.empty() : Resources.parse(text);
    }
}
