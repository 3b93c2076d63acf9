package io.mezzo.api.allocation;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which framework is offered what of which agent. A policy is pure: it reads the view it
 * is given and returns decisions; it keeps no authoritative cluster state, so the master can swap
 * policies between two rounds with nothing to migrate. It may keep caches it can rebuild from a
 * view (keyed on {@link AllocationView#generation()}), but must not assume it sees every round.
 *
 * <p>The master calls {@link #allocate} on its allocation thread, the only writer of the view,
 * so the view does not change during the call; a policy must not keep a reference to it after
 * returning.
 */
@ConsumerType
public interface AllocationPolicy {

    /** Service property naming a policy, e.g. {@code mezzo.policy=drf}. */
    String NAME_PROPERTY = "mezzo.policy";

    /** The policy that is always present and the master falls back to. */
    String DEFAULT_POLICY = "drf";

    /** The name this policy is registered under ({@link #NAME_PROPERTY}). */
    String name();

    /**
     * One allocation round. The returned grants never exceed what the view shows free, never
     * hand the same resources to two frameworks, never go to a framework that refuses the agent
     * or has suppressed the role, and each meets the view's {@link OfferMinimum}. Same view in,
     * same grants out.
     */
    List<Grant> allocate(AllocationView view);
}
