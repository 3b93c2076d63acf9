package io.mezzo.master.internal.leader;

import io.mezzo.master.internal.core.RegistryState;
import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry node {@code <zk path>/registry}: read once by a new leader, written by the leader
 * whenever agent or framework membership changes. Writes are off the master's loop: {@link #write}
 * only parks the newest state, and one writer thread persists whatever is newest when it gets to
 * it, so a burst of changes (1,000 agents re-registering) costs a handful of ZooKeeper writes, not
 * one each. A write is skipped once this master no longer leads ({@code leading} false), so a
 * deposed leader does not overwrite its successor's registry — except for a write already in
 * flight at that moment (there is no fencing on the znode; see README, "Failover and partitions").
 */
public final class ZkRegistry implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkRegistry.class);
    private static final long RETRY_MS = 1000;

    private final CuratorFramework client;
    private final String path;
    private final BooleanSupplier leading;
    private final AtomicReference<RegistryState> pending = new AtomicReference<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mezzo-registry-writer");
        t.setDaemon(true);
        return t;
    });

    public ZkRegistry(CuratorFramework client, String zkPath, BooleanSupplier leading) {
        this.client = client;
        this.path = zkPath + "/registry";
        this.leading = leading;
    }

    /**
     * The registry the previous leader left; empty if there is none. If it cannot be read or
     * decoded the new leader starts empty and says so: running tasks still survive (their agents
     * re-register with them), only agents that never come back go unnoticed.
     */
    public RegistryState read() {
        try {
            if (client.checkExists().forPath(path) == null) {
                return RegistryState.empty();
            }
            return RegistryState.decode(client.getData().forPath(path));
        } catch (Exception e) {
            LOG.error("Cannot read the registry at {}; starting without it (agents that do not re-register will"
                    + " not be marked unreachable)", path, e);
            return RegistryState.empty();
        }
    }

    /** Called on the master's loop: never blocks. */
    public void write(RegistryState state) {
        if (pending.getAndSet(state) == null) {
            schedule(0);
        }
    }

    private void schedule(long delayMs) {
        try {
            writer.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Registry writer already stopped: {}", e.toString());
        }
    }

    private void flush() {
        RegistryState state = pending.get();
        if (state == null) {
            return;
        }
        if (!leading.getAsBoolean()) {
            pending.compareAndSet(state, null);
            LOG.info("Not leading any more: registry change not written");
            return;
        }
        try {
            byte[] data = state.encode();
            try {
                client.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            }
            LOG.debug("Registry written: {} agents, {} frameworks", state.agents().size(), state.frameworks().size());
            if (!pending.compareAndSet(state, null)) {
                schedule(0); // a newer state arrived while writing
            }
        } catch (Exception e) {
            LOG.warn("Writing the registry at {} failed; retrying in {} ms", path, RETRY_MS, e);
            schedule(RETRY_MS);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
