package io.mezzo.api.node;

import org.osgi.annotation.versioning.ProviderType;

/** The agent running in this container, as a read-only OSGi service. */
@ProviderType
public interface AgentNode {
    /** A consistent picture of the agent, taken at one moment of its event loop. */
    AgentSnapshot snapshot();
}
