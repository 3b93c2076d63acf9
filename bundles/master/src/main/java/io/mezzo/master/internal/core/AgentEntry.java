package io.mezzo.master.internal.core;

import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.resources.Resources;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent as the master tracks it. Owned by the master's event loop; never shared. */
final class AgentEntry {
    final String id;
    AgentInfo info;
    Resources total;
    /** Resources of its non-terminal tasks. */
    Resources used = Resources.empty();
    EventStream<AgentEvent> stream;
    /** Connected and answering pings. Offers are made only from agents active and not {@link #deactivated}. */
    boolean active;
    /**
     * Operator maintenance (DEACTIVATE_AGENT, or any drain): no offers from this agent, but its
     * tasks keep running and it keeps talking to the master. Survives failover (registry).
     */
    boolean deactivated;
    /** The drain under way or finished (until reactivated); null if none. Survives failover (registry). */
    Drain drain;
    /** The kills of a drain's grace period went out to the agent (reset when it re-registers). */
    boolean drainKillsSent;
    /** Marked unreachable (missed pings or never came back); its tasks were reported lost. */
    boolean unreachable;
    /** Known from the registry of a previous leader and not re-registered yet (nor given up on). */
    boolean recovering;
    Instant registeredAt;
    Instant reregisteredAt;
    Instant disconnectedAt;
    long pingSequence;
    boolean awaitingPong;
    int missedPings;
    Instant nextPingAt;
    /** Tasks on this agent keyed by framework id + "/" + task id. */
    final Map<String, TaskEntry> tasks = new LinkedHashMap<>();

    AgentEntry(String id, AgentInfo info, Instant now) {
        this.id = id;
        this.info = info;
        this.total = Resources.fromProtos(info.getResourcesList());
        this.registeredAt = now;
    }

    String hostname() {
        return info.getHostname();
    }

    /** Whether offers may be made from it. */
    boolean offering() {
        return active && !deactivated;
    }

    /** Its maintenance state as the registry keeps it. */
    Maintenance maintenance() {
        return new Maintenance(deactivated, java.util.Optional.ofNullable(drain));
    }
}
