package io.mezzo.api.allocation;

import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a policy sees of the cluster: read-only, and valid only for the duration of one
 * {@link AllocationPolicy#allocate} call. Agents and frameworks sit in dense <em>slots</em> so a
 * policy can index arrays and bitsets by them; a slot may be vacant ({@code null}) and is reused
 * after its occupant leaves, so policies identify things by id across rounds, never by slot.
 *
 * <p>The master's implementation ({@link AllocationLedger}) is maintained incrementally, one
 * change at a time, so handing it to a policy costs nothing; a policy should likewise avoid work
 * proportional to agents × frameworks and use the bitsets ({@link AgentView#refusers()},
 * {@link RoleView#wanting()}) to skip agents nobody can take.
 */
@ProviderType
public interface AllocationView {

    /** Increases with every change, so a policy can tell whether a cache is still good. */
    long generation();

    /** All agents' total resources, reservations included: the denominator of every share. */
    Quantities total();

    /** The smallest offer worth making. */
    OfferMinimum offerMinimum();

    /** One past the highest agent slot ever used. */
    int agentSlots();

    /** The agent in {@code slot}, or {@code null} if vacant. */
    AgentView agent(int slot);

    /** One past the highest framework slot ever used. */
    int frameworkSlots();

    /** The framework in {@code slot}, or {@code null} if vacant. */
    FrameworkView framework(int slot);

    /** Roles that some framework is subscribed to, or that have a weight or a reservation. */
    Collection<? extends RoleView> roles();

    /** The role named {@code name}, or {@code null} if unknown. */
    RoleView role(String name);

    /** Frameworks that want offers in at least one role: the union of every role's {@link RoleView#wanting()}. */
    SlotSet wanting();

    /**
     * Active agent slots someone could be offered something of right now: the unreserved free part meets
     * the {@link #offerMinimum()} and some framework in {@link #wanting()} does not refuse the
     * agent, or a reservation's free part meets it and some framework wanting that role does not
     * refuse the agent. Kept up to date as things change, so a round can skip every other agent
     * without looking at it (in the Mesos DeclineOffers shape that is all of them).
     */
    SlotSet offerableAgents();
}
