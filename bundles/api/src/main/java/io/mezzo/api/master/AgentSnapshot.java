package io.mezzo.api.master;

import java.time.Instant;
import java.util.Map;

/**
 * An agent known to the leading master. Resources are in Mesos text form
 * ({@code cpus:4;mem:4096;ports:[31000-32000]}); scalars also as a map for arithmetic.
 */
public record AgentSnapshot(String id, String hostname, boolean active, Instant registeredAt,
        String totalResources, String usedResources, String offeredResources,
        Map<String, Double> totalScalars, Map<String, Double> usedScalars,
        Map<String, String> attributes, int taskCount) {
}
