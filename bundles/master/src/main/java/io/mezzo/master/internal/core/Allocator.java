package io.mezzo.master.internal.core;

import io.mezzo.api.resources.Resources;
import java.util.List;
import java.util.Set;

/**
 * The master's allocation seam: each cycle, decides which framework is offered which agent's free
 * resources. Pure: it sees a snapshot and returns decisions, the master books them. The pluggable
 * {@code io.mezzo.api.allocation.AllocationPolicy} SPI will sit behind this interface.
 */
public interface Allocator {

    /** An active agent and what it has free and not offered. */
    record AgentSlot(String agentId, Resources free) {
    }

    /**
     * A framework that wants offers: active, not suppressed. {@code allocated} is what it uses and
     * holds in offers; {@code refusedAgents} are agents its filters exclude right now.
     */
    record Candidate(String frameworkId, String role, double weight, Resources allocated,
            Set<String> refusedAgents) {
    }

    record Grant(String frameworkId, String agentId, String role, Resources resources) {
    }

    List<Grant> allocate(List<AgentSlot> agents, List<Candidate> candidates, Resources clusterTotal);
}
