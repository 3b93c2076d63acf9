package io.mezzo.master.internal.core;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Offer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything time drives, run on every tick of the event loop: allocation cycles, offer timeouts,
 * framework failover timeouts, heartbeats, agent pings and re-registration timeouts.
 */
final class Housekeeping {
    private final Cluster cluster;
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private final PolicyRegistry policies;
    private final CycleStats stats;
    private Instant nextAllocationAt = Instant.MIN;

    Housekeeping(Cluster cluster, PolicyRegistry policies, CycleStats stats) {
        this.cluster = cluster;
        this.policies = policies;
        this.stats = stats;
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
        stats.offersOutstanding(cluster.offers.size());
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

    /** The interval may have changed: the next cycle is due no later than one new interval from now. */
    void settingsChanged() {
        Instant latest = cluster.now().plus(cluster.settings.allocationInterval());
        if (nextAllocationAt.isAfter(latest)) {
            nextAllocationAt = latest;
        }
    }

    /**
     * One allocation cycle: the active policy reads the ledger and returns grants; each becomes an
     * offer (booked in the offer book and the ledger), one OFFERS event per framework. The policy
     * is looked up once, here, so a switch takes effect between cycles, never inside one.
     */
    void allocate(Instant now) {
        cluster.allocationDue = false;
        nextAllocationAt = now.plus(cluster.settings.allocationInterval());
        Optional<AllocationPolicy> policy = policies.current();
        if (policy.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        cluster.ledger.expireFilters(now);
        List<Grant> grants;
        try {
            grants = policy.get().allocate(cluster.ledger.view());
        } catch (RuntimeException e) {
            LOG.error("Allocation policy {} failed; no offers this cycle", policy.get().name(), e);
            return;
        }
        Map<String, List<Offer>> byFramework = new LinkedHashMap<>();
        for (Grant grant : grants) {
            try {
                offer(grant, now).ifPresent(o -> byFramework.computeIfAbsent(grant.frameworkId(),
                        k -> new ArrayList<>()).add(o));
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.error("Allocation policy {} made an impossible grant {}; ignored", policy.get().name(), grant, e);
            }
        }
        byFramework.forEach((fw, offers) -> cluster.frameworks.get(fw).stream.send(SchedulerEvents.offers(offers)));
        stats.cycleRan(System.nanoTime() - started, cluster.offers.size());
    }

    /** Books one grant as an offer, unless its framework or agent stopped being eligible. */
    private Optional<Offer> offer(Grant grant, Instant now) {
        FrameworkEntry framework = cluster.frameworks.get(grant.frameworkId());
        AgentEntry agent = cluster.agents.get(grant.agentId());
        if (framework == null || !framework.connected || agent == null || !agent.offering()) {
            LOG.warn("Grant {} names an inactive framework or agent; ignored", grant);
            return Optional.empty();
        }
        Resources available = cluster.available(agent);
        Resources pool = grant.reserved() ? available.reservedTo(grant.role()) : available.unreserved();
        Resources resources = ResourceSlicer.slice(pool, grant.resources());
        var offer = cluster.offers.create(cluster.newOfferId(), framework.id, agent.id, resources, available, now);
        cluster.ledger.book(framework.id, agent.id, resources);
        return Optional.of(SchedulerCalls.toProto(cluster, offer, agent, grant.role()));
    }
}
