package io.mezzo.api.master;

import java.time.Instant;

/** A framework known to the leading master; {@code connected} while its subscription stream is open. */
public record FrameworkSnapshot(String id, String name, String user, String role, boolean active,
        boolean connected, boolean suppressed, double failoverTimeoutSeconds, Instant registeredAt,
        String usedResources, String offeredResources, int taskCount, int offerCount) {
}
