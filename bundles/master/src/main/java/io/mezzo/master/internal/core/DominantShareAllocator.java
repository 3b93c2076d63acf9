package io.mezzo.master.internal.core;

import io.mezzo.api.resources.Resources;
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
    public List<Grant> allocate(List<AgentSlot> agents, List<Candidate> candidates, Resources clusterTotal) {
        Map<String, Resources> allocated = new HashMap<>();
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
                        allocated.merge(c.frameworkId(), agent.free(), Resources::plus);
                    });
        }
        return grants;
    }

    static boolean worthOffering(Resources free) {
        return free.scalarSum("cpus").value() >= MIN_CPUS || free.scalarSum("mem").value() >= MIN_MEM;
    }

    /** Dominant share: the largest fraction of any scalar resource of the cluster total. */
    static double share(Resources allocated, Resources total) {
        double max = 0;
        for (String name : allocated.names()) {
            double all = total.scalarSum(name).value();
            if (all > 0) {
                max = Math.max(max, allocated.scalarSum(name).value() / all);
            }
        }
        return max;
    }
}
