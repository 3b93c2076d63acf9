package io.mezzo.master.internal.core;

import io.mezzo.api.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outstanding offers and, per agent, the sum of what they hold. The book refuses to create an
 * offer for more than the caller says is available, so resources are never offered twice.
 */
final class OfferBook {
    record Offer(String id, String frameworkId, String agentId, Resources resources, Instant offeredAt) {
    }

    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, Resources> offeredByAgent = new HashMap<>();

    /**
     * Records an offer.
     *
     * @param available what the agent has free and not yet offered
     * @throws IllegalStateException if {@code resources} exceeds {@code available}
     */
    Offer create(String id, String frameworkId, String agentId, Resources resources, Resources available,
            Instant now) {
        if (!available.contains(resources)) {
            throw new IllegalStateException("offer " + id + " of " + resources + " exceeds available " + available);
        }
        Offer offer = new Offer(id, frameworkId, agentId, resources, now);
        offers.put(id, offer);
        offeredByAgent.merge(agentId, resources, Resources::plus);
        return offer;
    }

    Optional<Offer> get(String id) {
        return Optional.ofNullable(offers.get(id));
    }

    /** Removes an offer (accepted, declined, rescinded); its resources are free again. */
    Optional<Offer> remove(String id) {
        Offer offer = offers.remove(id);
        if (offer != null) {
            offeredByAgent.computeIfPresent(offer.agentId(), (a, bag) -> {
                Resources rest = bag.minus(offer.resources());
                return rest.isEmpty() ? null : rest;
            });
        }
        return Optional.ofNullable(offer);
    }

    Resources offeredOn(String agentId) {
        return offeredByAgent.getOrDefault(agentId, Resources.empty());
    }

    List<Offer> ofFramework(String frameworkId) {
        return offers.values().stream().filter(o -> o.frameworkId().equals(frameworkId)).toList();
    }

    List<Offer> ofAgent(String agentId) {
        return offers.values().stream().filter(o -> o.agentId().equals(agentId)).toList();
    }

    /** Offers older than {@code timeout}; none if the timeout is zero (offers never expire). */
    List<Offer> expired(Instant now, Duration timeout) {
        if (timeout.isZero()) {
            return List.of();
        }
        List<Offer> out = new ArrayList<>();
        for (Offer o : offers.values()) {
            if (!o.offeredAt().plus(timeout).isAfter(now)) {
                out.add(o);
            }
        }
        return out;
    }

    int size() {
        return offers.size();
    }

    Collection<Offer> all() {
        return Collections.unmodifiableCollection(offers.values());
    }

    void clear() {
        offers.clear();
        offeredByAgent.clear();
    }
}
