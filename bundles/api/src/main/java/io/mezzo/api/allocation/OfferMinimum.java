package io.mezzo.api.allocation;

import java.util.List;

/**
 * The smallest thing worth offering, as alternatives: an offer is made only if it contains at
 * least one of them. Mesos' default (and ours) is {@code cpus:0.01} or {@code mem:32}, so an agent
 * with a sliver of CPU and no memory left is not offered over and over.
 */
public record OfferMinimum(List<Quantities> alternatives) {

    public static final OfferMinimum DEFAULT =
            new OfferMinimum(List.of(Quantities.parse("cpus:0.01"), Quantities.parse("mem:32")));

    public OfferMinimum {
        alternatives = List.copyOf(alternatives);
    }

    /** True if {@code offer} holds at least one alternative; with no alternatives, anything non-empty. */
    public boolean isMetBy(Quantities offer) {
        if (alternatives.isEmpty()) {
            return !offer.isEmpty();
        }
        for (Quantities alternative : alternatives) {
            if (offer.contains(alternative)) {
                return true;
            }
        }
        return false;
    }
}
