package io.mezzo.api.master;

import java.time.Instant;
import java.util.Map;

/**
 * An agent known to the leading master. Resources are in Mesos text form
 * ({@code cpus:4;mem:4096;ports:[31000-32000]}); scalars also as a map for arithmetic.
 *
 * @param active offers are made from it: connected, answering pings and not deactivated
 * @param unreachable the master gave up on it (missed pings, or not back after a failover)
 * @param deactivated an operator took it out of the offer cycle (deactivate, or any drain)
 * @param drainState {@code DRAINING} or {@code DRAINED} (Mesos' DrainState names), empty if no drain
 */
public record AgentSnapshot(String id, String hostname, boolean active, Instant registeredAt,
        String totalResources, String usedResources, String offeredResources,
        Map<String, Double> totalScalars, Map<String, Double> usedScalars,
        Map<String, String> attributes, int taskCount, boolean unreachable, boolean deactivated,
        String drainState) {

    /** An agent without maintenance state, reachable (the shape before drains existed). */
    public AgentSnapshot(String id, String hostname, boolean active, Instant registeredAt,
            String totalResources, String usedResources, String offeredResources,
            Map<String, Double> totalScalars, Map<String, Double> usedScalars,
            Map<String, String> attributes, int taskCount) {
        this(id, hostname, active, registeredAt, totalResources, usedResources, offeredResources, totalScalars,
                usedScalars, attributes, taskCount, false, false, "");
    }

    /** One word for operators: {@code draining}, {@code drained}, {@code deactivated}, or empty. */
    public String maintenance() {
        if (!drainState.isEmpty()) {
            return drainState.toLowerCase(java.util.Locale.ROOT);
        }
        return deactivated ? "deactivated" : "";
    }
}
