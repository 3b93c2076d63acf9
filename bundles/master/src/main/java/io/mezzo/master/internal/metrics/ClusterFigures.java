package io.mezzo.master.internal.metrics;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
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

    /** Not leading: nothing to count. */
    public static ClusterFigures notLeading() {
        return new Tally().result(false);
    }

    /** From snapshots a reader already holds; counted as {@link Tally} counts on the loop. */
    public static ClusterFigures of(boolean leader, List<AgentSnapshot> agents, List<FrameworkSnapshot> frameworks,
            List<TaskSnapshot> tasks, List<OfferSnapshot> offers) {
        Tally tally = new Tally();
        for (AgentSnapshot a : agents) {
            tally.agent(a.active(), a.unreachable(), a.deactivated(), a.drainState(), parse(a.totalResources()),
                    parse(a.usedResources()), parse(a.offeredResources()));
        }
        frameworks.forEach(f -> tally.framework(f.active()));
        tasks.forEach(t -> tally.task(t.state()));
        tally.offers(offers.size());
        return tally.result(leader);
    }

    /**
     * Counts as they are read, one agent, framework or task at a time: the master's loop feeds it
     * straight from its state (no snapshot objects, no resources as text), tests from snapshots.
     */
    public static final class Tally {
        private int agents;
        private int activeAgents;
        private int unreachable;
        private int deactivated;
        private int draining;
        private int drained;
        private int frameworks;
        private int activeFrameworks;
        private int offers;
        private final Map<String, Integer> byState = new TreeMap<>();
        private Resources total = Resources.empty();
        private Resources used = Resources.empty();
        private Resources offered = Resources.empty();

        public void agent(boolean active, boolean isUnreachable, boolean isDeactivated, String drainState,
                Resources agentTotal, Resources agentUsed, Resources agentOffered) {
            agents++;
            activeAgents += active ? 1 : 0;
            unreachable += isUnreachable ? 1 : 0;
            deactivated += isDeactivated ? 1 : 0;
            draining += "DRAINING".equals(drainState) ? 1 : 0;
            drained += "DRAINED".equals(drainState) ? 1 : 0;
            total = total.plus(agentTotal);
            used = used.plus(agentUsed);
            offered = offered.plus(agentOffered);
        }

        public void framework(boolean active) {
            frameworks++;
            activeFrameworks += active ? 1 : 0;
        }

        public void task(String state) {
            byState.merge(state, 1, Integer::sum);
        }

        public void offers(int count) {
            offers += count;
        }

        public ClusterFigures result(boolean leader) {
            return new ClusterFigures(leader, activeAgents, agents - activeAgents - unreachable, unreachable,
                    deactivated, draining, drained, activeFrameworks, frameworks - activeFrameworks,
                    java.util.Collections.unmodifiableMap(new TreeMap<>(byState)), total, used, offered, offers);
        }
    }

    public int tasks(String state) {
        return tasksByState.getOrDefault(state, 0);
    }

    private static Resources parse(String text) {
        return text == null || text.isBlank() ? Resources.empty() : Resources.parse(text);
    }
}
