package io.mezzo.master.internal.core;

import io.mezzo.master.internal.resources.ResourceBag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default allocator: each agent's whole free part goes to the eligible framework with the
 * lowest weighted dominant share, recomputed after every grant (DRF, as Mesos' sorter does with
 * whole-agent offers). Leftovers smaller than the minimum offer (0.01 cpus and 32 MB) are kept
 * back so frameworks are not flooded with useless crumbs.
 */
public final class DominantShareAllocator implements Allocator {
    static final double MIN_CPUS = 0.01;
    static final double MIN_MEM = 32;

    @Override
    public List<Grant> allocate(List<AgentSlot> agents, List<Candidate> candidates, ResourceBag clusterTotal) {
        Map<String, ResourceBag> allocated = new HashMap<>();
        candidates.forEach(c -> allocated.put(c.frameworkId(), c.allocated()));
        List<Grant> grants = new ArrayList<>();
        for (AgentSlot agent : agents) {
            if (!worthOffering(agent.free())) {
                continue;
            }
            candidates.stream()
                    .filter(c -> !c.refusedAgents().contains(agent.agentId()))
                    .min(Comparator.<Candidate>comparingDouble(
                            c -> share(allocated.get(c.frameworkId()), clusterTotal) / c.weight())
                            .thenComparing(Candidate::frameworkId))
                    .ifPresent(c -> {
                        grants.add(new Grant(c.frameworkId(), agent.agentId(), c.role(), agent.free()));
                        allocated.merge(c.frameworkId(), agent.free(), ResourceBag::plus);
                    });
        }
        return grants;
    }

    static boolean worthOffering(ResourceBag free) {
        return free.scalar("cpus") >= MIN_CPUS || free.scalar("mem") >= MIN_MEM;
    }

    /** Dominant share: the largest fraction of any scalar resource of the cluster total. */
    static double share(ResourceBag allocated, ResourceBag total) {
        double max = 0;
        for (Map.Entry<String, Double> e : allocated.scalarMap().entrySet()) {
            double all = total.scalar(e.getKey());
            if (all > 0) {
                max = Math.max(max, e.getValue() / all);
            }
        }
        return max;
    }
}
