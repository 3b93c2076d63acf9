package io.mezzo.shell.internal;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of the listing commands, from the master's snapshots. Resources stay in Mesos' text
 * form ({@code cpus:4;mem:4096}), as operators know it from Mesos; ages are relative to {@code now}.
 * Rows are sorted so that repeated runs line up.
 */
public final class ClusterTables {

    private ClusterTables() {
    }

    public static Table agents(List<AgentSnapshot> agents, Instant now) {
        Table.Builder table = Table.withHeaders("ID", "HOSTNAME", "STATUS", "MAINTENANCE", "TASKS", "TOTAL", "USED",
                "OFFERED", "AGE").whenEmpty("No agents registered.");
        agents.stream().sorted(Comparator.comparing(AgentSnapshot::hostname).thenComparing(AgentSnapshot::id))
                .forEach(a -> table.row(a.id(), a.hostname(), status(a),
                        a.maintenance().isEmpty() ? "-" : a.maintenance().toUpperCase(java.util.Locale.ROOT),
                        Integer.toString(a.taskCount()), resources(a.totalResources()), resources(a.usedResources()),
                        resources(a.offeredResources()), Ages.since(a.registeredAt(), now)));
        return table.build();
    }

    public static Table frameworks(List<FrameworkSnapshot> frameworks, Instant now) {
        Table.Builder table = Table.withHeaders("ID", "NAME", "USER", "ROLE", "STATUS", "TASKS", "OFFERS", "USED",
                "AGE").whenEmpty("No frameworks registered.");
        frameworks.stream().sorted(Comparator.comparing(FrameworkSnapshot::id))
                .forEach(f -> table.row(f.id(), f.name(), f.user(), f.role(), status(f),
                        Integer.toString(f.taskCount()), Integer.toString(f.offerCount()), resources(f.usedResources()),
                        Ages.since(f.registeredAt(), now)));
        return table.build();
    }

    public static Table tasks(List<TaskSnapshot> tasks, Instant now) {
        Table.Builder table = Table.withHeaders("ID", "NAME", "FRAMEWORK", "AGENT", "STATE", "RESOURCES", "UPDATED")
                .whenEmpty("No tasks.");
        tasks.stream().sorted(Comparator.comparing(TaskSnapshot::frameworkId).thenComparing(TaskSnapshot::id))
                .forEach(t -> table.row(t.id(), t.name(), t.frameworkId(), t.agentId(), t.state(),
                        resources(t.resources()), Ages.since(t.updatedAt(), now)));
        return table.build();
    }

    public static Table offers(List<OfferSnapshot> offers, Instant now) {
        Table.Builder table = Table.withHeaders("ID", "FRAMEWORK", "AGENT", "RESOURCES", "AGE")
                .whenEmpty("No outstanding offers.");
        offers.stream().sorted(Comparator.comparing(OfferSnapshot::offeredAt,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(OfferSnapshot::id))
                .forEach(o -> table.row(o.id(), o.frameworkId(), o.agentId(), resources(o.resources()),
                        Ages.since(o.offeredAt(), now)));
        return table.build();
    }

    /**
     * An agent's link with the master: active (offered from), inactive (disconnected or taken out by
     * an operator, see MAINTENANCE) or unreachable.
     */
    static String status(AgentSnapshot a) {
        if (a.unreachable()) {
            return "unreachable";
        }
        return a.active() ? "active" : "inactive";
    }

    /** A framework's life in one word or two: inactive, disconnected (failing over), suppressed, active. */
    static String status(FrameworkSnapshot f) {
        if (!f.active()) {
            return "inactive";
        }
        if (!f.connected()) {
            return "disconnected";
        }
        return f.suppressed() ? "active,suppressed" : "active";
    }

    /** "-" for nothing, so that an empty cell is not mistaken for a missing column. */
    static String resources(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
