package io.mezzo.api.master;

import java.time.Instant;

/** An outstanding offer. */
public record OfferSnapshot(String id, String frameworkId, String agentId, String resources, Instant offeredAt) {
}
