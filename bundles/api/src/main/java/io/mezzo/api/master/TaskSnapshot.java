package io.mezzo.api.master;

import java.time.Instant;

/** A task the leading master tracks; {@code state} is the TaskState name, e.g. {@code TASK_RUNNING}. */
public record TaskSnapshot(String id, String name, String frameworkId, String agentId, String state,
        String resources, Instant updatedAt) {
}
