package io.mezzo.master.internal.leader;

import io.mezzo.master.internal.core.RegistryState;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry node {@code <zk path>/registry}: read once by a new leader, written by the leader
 * whenever agent or framework membership changes. Writes are off the master's loop: a term's
 * writer only parks the newest state, and one writer thread persists whatever is newest when it
 * gets to it, so a burst of changes (1,000 agents re-registering) costs a handful of ZooKeeper
 * writes, not one each.
 *
 * <p><b>Fencing.</b> Each write is one ZooKeeper transaction that also checks that the leader
 * latch znode which won this master its leadership term still exists. That znode is ephemeral and
 * was the lowest-sequence participant when the term began; no lower one can appear later, so while
 * it exists this master leads, and once it is gone (session expired, latch reset, node deleted) the
 * transaction fails as a whole. A deposed leader therefore never overwrites its successor's
 * registry, however late its write arrives: paused by SIGSTOP past its session timeout, or retried
 * by Curator on a new session after the old one expired. A refused write is logged and reported
 * to {@code deposed}, which makes the master step down.
 */
public final class ZkRegistry implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkRegistry.class);
    private static final long RETRY_MS = 1000;

    /** A state to write and the latch znode of the term that produced it. */
    private record Pending(RegistryState state, String latchNode) {
    }

    /** The term's latch znode is gone: this master no longer leads. */
    private static final class Deposed extends Exception {
        private static final long serialVersionUID = 1L;

        Deposed(KeeperException cause) {
            super(cause);
        }
    }

    private final CuratorFramework client;
    private final String path;
    private final Consumer<String> deposed;
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mezzo-registry-writer");
        t.setDaemon(true);
        return t;
    });

    /** {@code deposed} is told the latch znode of a term whose write was refused (on the writer thread). */
    public ZkRegistry(CuratorFramework client, String zkPath, Consumer<String> deposed) {
        this.client = client;
        this.path = zkPath + "/registry";
        this.deposed = deposed;
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

    /**
     * The writer of one leadership term, fenced by {@code latchNode}, the latch znode that won it
     * ({@link LeaderElection#fence()}). Without one (the term ended before it began) nothing is
     * written. The writer never blocks: it is called on the master's loop.
     */
    public Consumer<RegistryState> writerFor(Optional<String> latchNode) {
        if (latchNode.isEmpty()) {
            return state -> LOG.info("Not leading any more: registry change not written");
        }
        String fence = latchNode.get();
        return state -> {
            if (pending.getAndSet(new Pending(state, fence)) == null) {
                schedule(0);
            }
        };
    }

    private void schedule(long delayMs) {
        try {
            writer.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Registry writer already stopped: {}", e.toString());
        }
    }

    private void flush() {
        Pending next = pending.get();
        if (next == null) {
            return;
        }
        try {
            commit(next);
            LOG.debug("Registry written: {} agents, {} frameworks", next.state().agents().size(),
                    next.state().frameworks().size());
            if (!pending.compareAndSet(next, null)) {
                schedule(0); // a newer state arrived while writing
            }
        } catch (Deposed e) {
            pending.compareAndSet(next, null);
            LOG.error("Registry write refused by ZooKeeper: the leader latch znode {} of this master's term is gone,"
                    + " so another master may lead; stepping down", next.latchNode());
            deposed.accept(next.latchNode());
        } catch (Exception e) {
            LOG.warn("Writing the registry at {} failed; retrying in {} ms", path, RETRY_MS, e);
            schedule(RETRY_MS);
        }
    }

    /** One transaction: the term's latch znode exists, and the registry gets the new data. */
    private void commit(Pending next) throws Exception {
        byte[] data = next.state().encode();
        CuratorOp fence = client.transactionOp().check().forPath(next.latchNode());
        try {
            client.transaction().forOperations(fence, client.transactionOp().setData().forPath(path, data));
        } catch (KeeperException e) {
            if (failedAt(e, 0)) {
                throw new Deposed(e);
            }
            if (!(e instanceof KeeperException.NoNodeException)) {
                throw e;
            }
            createFenced(next.latchNode(), data); // the first registry of this cluster
        }
    }

    private void createFenced(String latchNode, byte[] data) throws Exception {
        // the parent exists: the latch znode lives under it (<zk path>/leader/...)
        try {
            client.transaction().forOperations(client.transactionOp().check().forPath(latchNode),
                    client.transactionOp().create().forPath(path, data));
        } catch (KeeperException e) {
            if (failedAt(e, 0)) {
                throw new Deposed(e);
            }
            throw e; // NodeExists: created meanwhile, the retry sets it
        }
    }

    /** Whether operation {@code index} of the failed transaction is the one that failed. */
    private static boolean failedAt(KeeperException e, int index) {
        List<OpResult> results = e.getResults();
        if (results == null || results.size() <= index) {
            return false;
        }
        return results.get(index) instanceof OpResult.ErrorResult error
                && error.getErr() != KeeperException.Code.OK.intValue()
                && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue();
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
