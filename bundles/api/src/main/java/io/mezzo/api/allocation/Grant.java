package io.mezzo.api.allocation;

import java.util.Objects;

/**
 * One decision of a policy: offer {@code resources} of agent {@code agentId} to framework
 * {@code frameworkId}, allocated to {@code role}. {@code reserved} says the resources come from
 * the agent's reservation for that role rather than from its unreserved pool. A grant may be the
 * whole free part of an agent (as Mesos offers) or a slice of it, which is what lets DRF keep
 * frameworks within one task of each other on large agents.
 */
public record Grant(String frameworkId, String agentId, String role, Quantities resources, boolean reserved) {

    public Grant {
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(resources, "resources");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a grant of nothing");
        }
    }
}
