package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.MasterInfo;
import java.util.Optional;

/**
 * What the master tells operators about as it happens (the Master MBean turns these into JMX
 * notifications). Also the whiteboard service type through which listeners in this bundle
 * register. Called on the master's own threads (the event loop, Curator's): an implementation
 * must return at once and never call back into the master.
 */
public interface MasterEvents {
    MasterEvents NONE = new MasterEvents() {
    };

    /** This master was elected leader. */
    default void elected(MasterInfo self) {
    }

    /** This master stopped leading (lost the election or its ZooKeeper connection). */
    default void demoted(MasterInfo self) {
    }

    /** The leader as seen in ZooKeeper changed: another master, or none known. */
    default void leaderChanged(Optional<MasterInfo> leader) {
    }

    /** The leader gave up on an agent (missed pings, or not back within agent.reregister.timeout). */
    default void agentUnreachable(String agentId, String hostname, String reason) {
    }

    /** A draining agent has no task left running. */
    default void agentDrained(String agentId, String hostname) {
    }
}
