package io.mezzo.api.allocation;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** One agent as a policy sees it. */
@ProviderType
public interface AgentView {

    int slot();

    String id();

    /** Everything the agent has, reserved or not. */
    Quantities total();

    /** Unreserved resources neither offered nor used. */
    Quantities free();

    /** Per role, reserved resources of that role neither offered nor used. */
    Map<String, Quantities> reservedFree();

    /** Attributes such as {@code rack=r1}. */
    Map<String, String> attributes();

    /** Frameworks with an active refuse filter for this agent (DECLINE with {@code refuse_seconds}). */
    SlotSet refusers();
}
