package io.mezzo.master.internal;

import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.master.internal.core.Master;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How the HTTP endpoints reach the master: leadership (read without the loop, for redirects)
 * and commands run on the master's event loop. Internal to this bundle.
 */
public interface MasterGateway {

    /** Leadership as last seen in ZooKeeper. */
    record Leadership(boolean leading, Optional<MasterInfo> leader) {
    }

    Leadership leadership();

    /** This master's identity. */
    MasterInfo masterInfo();

    /** Runs a command on the event loop, nobody waiting for its outcome; dropped if this process does not lead. */
    void run(java.util.function.Consumer<Master> command);

    /** The subscribers' current streams, as the event loop last published them. */
    io.mezzo.master.internal.core.StreamDirectory streams();

    /** Runs a command on the event loop; empty if this process is not (or no longer) the leader. */
    <T> CompletableFuture<Optional<T>> call(Function<Master, T> command);

    /**
     * Where subscriber streams defer their writes: work handed over on the event loop runs once
     * the loop has run its current batch of commands (see {@code MasterLoop#batchEnd}).
     */
    java.util.concurrent.Executor streamWrites();

    /** How many events a subscriber may fall behind before it is disconnected. */
    int subscriberQueueLimit();

    /** Largest request body accepted, in bytes. */
    int maxBodyBytes();

    /** The figures of /metrics/snapshot and the MBean, counted on the loop; empty ones when not leading. */
    io.mezzo.master.internal.metrics.ClusterFigures figures();

    /** Configuration as Mesos flags for /master/state. */
    java.util.Map<String, String> flags();
}
