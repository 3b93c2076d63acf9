package io.mezzo.api.jmx;

import java.util.Map;

/** {@code io.mezzo:type=Agent}: the agent running in this container. */
public interface AgentMBean {
    String OBJECT_NAME = "io.mezzo:type=Agent";

    /** Empty until the first registration. */
    String getAgentId();

    boolean isRegistered();

    /** The master this agent follows ({@code http://host:port}), empty while none is known. */
    String getMaster();

    String getResourcesTotal();

    String getResourcesUsed();

    Map<String, Integer> getTasksByState();

    /** Status updates sent but not yet acknowledged by their frameworks. */
    int getPendingStatusUpdates();

    String getWorkDir();
}
