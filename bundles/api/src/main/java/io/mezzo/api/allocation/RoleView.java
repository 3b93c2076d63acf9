package io.mezzo.api.allocation;

import org.osgi.annotation.versioning.ProviderType;

/** One role as a policy sees it. */
@ProviderType
public interface RoleView {

    String name();

    /** Its weight (default 1): a role of weight 2 is entitled to twice the share of a role of weight 1. */
    double weight();

    /**
     * What counts toward its share: unreserved resources its frameworks hold plus every
     * reservation made for it, used or not (as Mesos counts reservations).
     */
    Quantities allocated();

    /** Frameworks subscribed to this role that have not suppressed it. */
    SlotSet wanting();
}
