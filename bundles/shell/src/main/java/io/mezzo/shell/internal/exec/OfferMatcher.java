package io.mezzo.shell.internal.exec;

import io.mezzo.api.resources.InvalidResourceException;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Offer;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the offer to launch on: the first one whose unreserved resources hold what the task
 * asks for. The exec framework subscribes in the default role, so resources reserved to a role
 * cannot be used by it; an offer the master got wrong (unparseable resources) is simply not chosen.
 */
public final class OfferMatcher {

    private OfferMatcher() {
    }

    public static Optional<Offer> firstFitting(List<Offer> offers, Resources wanted) {
        return offers.stream().filter(offer -> fits(offer, wanted)).findFirst();
    }

    static boolean fits(Offer offer, Resources wanted) {
        try {
            return Resources.fromProtos(offer.getResourcesList()).unreserved().contains(wanted);
        } catch (InvalidResourceException e) {
            return false;
        }
    }
}
