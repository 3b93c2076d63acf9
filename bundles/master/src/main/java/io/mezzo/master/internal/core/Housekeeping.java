package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.Offer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything time drives, run on every tick of the event loop: allocation cycles, offer timeouts,
 * framework failover timeouts, heartbeats, agent pings and re-registration timeouts.
 */
final class Housekeeping {
    private final Cluster cluster;
    private final Allocator allocator;
    private Instant nextAllocationAt = Instant.MIN;

    Housekeeping(Cluster cluster, Allocator allocator) {
        this.cluster = cluster;
        this.allocator = allocator;
    }

    void tick() {
        Instant now = cluster.now();
        cluster.rescindAll(cluster.offers.expired(now, cluster.settings.offerTimeout()));
        expireFrameworks(now);
        heartbeats(now);
        pingAgents(now);
        if (cluster.allocationDue || !now.isBefore(nextAllocationAt)) {
            allocate(now);
        }
    }

    private void expireFrameworks(Instant now) {
        for (FrameworkEntry f : new ArrayList<>(cluster.frameworks.values())) {
            if (!f.connected && f.disconnectedAt != null) {
                Duration failover = Duration.ofMillis(Math.round(f.info.getFailoverTimeout() * 1000));
                if (!f.disconnectedAt.plus(failover).isAfter(now)) {
                    cluster.removeFramework(f, "failover timeout of " + f.info.getFailoverTimeout() + "s expired");
                }
            }
        }
    }

    private void heartbeats(Instant now) {
        Duration interval = cluster.settings.heartbeatInterval();
        for (FrameworkEntry f : cluster.frameworks.values()) {
            if (f.connected && !f.lastHeartbeatAt.plus(interval).isAfter(now)) {
                f.stream.send(SchedulerEvents.heartbeat());
                f.lastHeartbeatAt = now;
            }
        }
    }

    private void pingAgents(Instant now) {
        for (AgentEntry agent : new ArrayList<>(cluster.agents.values())) {
            if (agent.stream == null) {
                if (!agent.unreachable && agent.disconnectedAt != null
                        && !agent.disconnectedAt.plus(cluster.settings.agentReregisterTimeout()).isAfter(now)) {
                    cluster.markUnreachable(agent, "did not re-register within "
                            + Durations.print(cluster.settings.agentReregisterTimeout()));
                }
                continue;
            }
            if (now.isBefore(agent.nextPingAt)) {
                continue;
            }
            if (agent.awaitingPong && ++agent.missedPings >= cluster.settings.agentMaxMissedPings()) {
                cluster.markUnreachable(agent, agent.missedPings + " pings missed");
                continue;
            }
            agent.awaitingPong = true;
            agent.stream.send(AgentEvents.ping(++agent.pingSequence));
            agent.nextPingAt = now.plus(cluster.settings.agentPingInterval());
        }
    }

    /** One allocation cycle: ask the allocator, book every grant as an offer, one OFFERS event per framework. */
    void allocate(Instant now) {
        cluster.allocationDue = false;
        nextAllocationAt = now.plus(cluster.settings.allocationInterval());
        List<Allocator.AgentSlot> slots = new ArrayList<>();
        var total = io.mezzo.api.resources.Resources.empty();
        for (AgentEntry a : cluster.agents.values()) {
            if (a.active) {
                total = total.plus(a.total);
                slots.add(new Allocator.AgentSlot(a.id, cluster.available(a)));
            }
        }
        List<Allocator.Candidate> candidates = new ArrayList<>();
        for (FrameworkEntry f : cluster.frameworks.values()) {
            f.refusedUntil.values().removeIf(until -> !until.isAfter(now));
            if (f.connected && !f.suppressed) {
                candidates.add(new Allocator.Candidate(f.id, f.role(), cluster.settings.weight(f.role()),
                        allocated(f), Set.copyOf(f.refusedUntil.keySet())));
            }
        }
        if (slots.isEmpty() || candidates.isEmpty()) {
            return;
        }
        Map<String, List<Offer>> byFramework = new HashMap<>();
        for (Allocator.Grant g : allocator.allocate(slots, candidates, total)) {
            AgentEntry agent = cluster.agents.get(g.agentId());
            var offer = cluster.offers.create(cluster.newOfferId(), g.frameworkId(), g.agentId(), g.resources(),
                    cluster.available(agent), now);
            byFramework.computeIfAbsent(g.frameworkId(), k -> new ArrayList<>())
                    .add(SchedulerCalls.toProto(cluster, offer, agent, g.role()));
        }
        byFramework.forEach((fw, offers) -> cluster.frameworks.get(fw).stream.send(SchedulerEvents.offers(offers)));
    }

    private io.mezzo.api.resources.Resources allocated(FrameworkEntry f) {
        var sum = io.mezzo.api.resources.Resources.empty();
        for (TaskEntry t : f.tasks.values()) {
            if (!t.released) {
                sum = sum.plus(t.resources);
            }
        }
        for (var o : cluster.offers.ofFramework(f.id)) {
            sum = sum.plus(o.resources());
        }
        return sum;
    }

    static Set<String> ids(List<OfferBook.Offer> offers) {
        return offers.stream().map(OfferBook.Offer::id).collect(Collectors.toSet());
    }
}
