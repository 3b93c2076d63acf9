package io.mezzo.master.internal.leader;

import io.mezzo.master.internal.core.RegistryState;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry under {@code <zk path>/registry}: read once by a new leader, written by the leader
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
 *
 * <p><b>Shards.</b> A ZooKeeper node (and a whole transaction) holds at most 1 MB, about 8,000
 * agents' records: one registry node refused at that size, and the refusal closed the leader's
 * session, so it stepped down again and again. The records are therefore spread over
 * {@value #SHARDS} shard nodes ({@code registry/shard-NN}, format 3), and a write sends only the
 * shards whose content changed, in transactions of at most {@value #MAX_TRANSACTION_BYTES} bytes,
 * each fenced. Each record lives in exactly one shard, so a write cut short between two
 * transactions leaves every record either old or new, never half of one. The registry node itself
 * holds the format header; a registry of formats 1 and 2 (all records in that one node) is still
 * read, and is rewritten as shards (the shards first, then the header) by the next write.
 */
public final class ZkRegistry implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkRegistry.class);
    private static final long RETRY_MS = 1000;
    private static final long READ_TIMEOUT_SECONDS = 30;
    static final int SHARDS = 64;
    static final int MAX_TRANSACTION_BYTES = 512 * 1024;
    private static final byte[] SHARDED_HEADER = (RegistryState.HEADER_SHARDED + "\n")
            .getBytes(StandardCharsets.US_ASCII);

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
    /** What the writer knows is in ZooKeeper, for the term of {@link #writtenFence}; null: read it first. */
    private Stored written;
    private String writtenFence;
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
            long start = System.nanoTime();
            Stored stored = readStored();
            if (!stored.exists()) {
                return RegistryState.empty();
            }
            long read = System.nanoTime();
            RegistryState state = decode(stored);
            LOG.info("Registry read in {} ms ({} shard nodes, {} bytes) and decoded in {} ms: {} agents, {} frameworks",
                    (read - start) / 1_000_000, stored.shards().size(), stored.bytes(),
                    (System.nanoTime() - read) / 1_000_000, state.agents().size(), state.frameworks().size());
            return state;
        } catch (Exception e) {
            LOG.error("Cannot read the registry at {}; starting without it (agents that do not re-register will"
                    + " not be marked unreachable)", path, e);
            return RegistryState.empty();
        }
    }

    private static RegistryState decode(Stored stored) {
        return stored.sharded() ? RegistryState.decodeShards(List.copyOf(stored.shards().values()))
                : RegistryState.decode(stored.header()); // formats 1 and 2: every record in the one node
    }

    /**
     * While {@code standby} says so, reads and decodes the registry every {@code every} and throws
     * the result away, on the writer's thread (idle on a standby). A master that has never decoded a
     * registry took 0.2–0.6 s for 1,000 agents when elected (code not yet compiled, on a machine
     * busy with the agents re-registering), and every agent waits for it; a warm one does not.
     */
    public void keepWarm(BooleanSupplier standby, Duration every) {
        keepWarm(standby, every, state -> { });
    }

    /** As {@link #keepWarm(BooleanSupplier, Duration)}, handing each registry decoded to {@code decoded}. */
    void keepWarm(BooleanSupplier standby, Duration every, Consumer<RegistryState> decoded) {
        try {
            writer.scheduleWithFixedDelay(() -> {
                if (!standby.getAsBoolean()) {
                    return;
                }
                try {
                    Stored stored = readStored();
                    if (stored.exists()) {
                        decoded.accept(decode(stored));
                    }
                } catch (Exception e) {
                    LOG.debug("Warming up on the registry at {} failed: {}", path, e.toString());
                }
            }, Math.min(1000, every.toMillis()), every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Registry writer already stopped: {}", e.toString());
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

    /** The registry node's header, and the shard nodes by name with their content. */
    private record Stored(boolean exists, byte[] header, Map<String, byte[]> shards) {
        boolean sharded() {
            return exists && Arrays.equals(header, SHARDED_HEADER);
        }

        long bytes() {
            return header.length + shards.values().stream().mapToLong(b -> b.length).sum();
        }
    }

    private Stored readStored() throws Exception {
        if (client.checkExists().forPath(path) == null) {
            return new Stored(false, new byte[0], new TreeMap<>());
        }
        byte[] header = client.getData().forPath(path);
        // every shard asked for at once: one round trip instead of one per shard, which counts when
        // a new leader reads the registry while a thousand agents are already knocking
        Map<String, CompletableFuture<byte[]>> asked = new TreeMap<>();
        for (String child : client.getChildren().forPath(path)) {
            if (child.startsWith("shard-")) {
                CompletableFuture<byte[]> data = new CompletableFuture<>();
                client.getData().inBackground((c, event) -> {
                    if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                        data.complete(event.getData());
                    } else {
                        data.completeExceptionally(KeeperException.create(
                                KeeperException.Code.get(event.getResultCode()), event.getPath()));
                    }
                }).forPath(path + "/" + child);
                asked.put(child, data);
            }
        }
        Map<String, byte[]> shards = new TreeMap<>();
        for (Map.Entry<String, CompletableFuture<byte[]>> shard : asked.entrySet()) {
            try {
                shards.put(shard.getKey(), shard.getValue().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return new Stored(true, header, shards);
    }

    /**
     * Writes the shards that differ from what ZooKeeper holds, in fenced transactions: each
     * checks first that the term's latch znode exists. A new registry node gets its header first
     * (the shards are its children); an old-format one gets it last, once the shards hold the records.
     */
    private void commit(Pending next) throws Exception {
        if (written == null || !next.latchNode().equals(writtenFence)) {
            written = readStored();
            writtenFence = next.latchNode();
        }
        try {
            if (!written.exists()) {
                transact(next.latchNode(), List.of(client.transactionOp().create().forPath(path, SHARDED_HEADER)));
                written = new Stored(true, SHARDED_HEADER, new TreeMap<>());
            }
            List<byte[]> wanted = next.state().encodeShards(SHARDS);
            List<CuratorOp> ops = new ArrayList<>();
            Map<String, byte[]> batch = new TreeMap<>();
            int bytes = 0;
            for (int i = 0; i < SHARDS; i++) {
                String name = String.format("shard-%02d", i);
                byte[] want = wanted.get(i);
                byte[] have = written.shards().get(name);
                if (Arrays.equals(want, have) || (have == null && Arrays.equals(want, SHARDED_HEADER))) {
                    continue; // unchanged, or empty and never written
                }
                if (bytes + want.length > MAX_TRANSACTION_BYTES && !ops.isEmpty()) {
                    transact(next.latchNode(), ops);
                    written.shards().putAll(batch);
                    ops = new ArrayList<>();
                    batch.clear();
                    bytes = 0;
                }
                String shardPath = path + "/" + name;
                ops.add(have == null ? client.transactionOp().create().forPath(shardPath, want)
                        : client.transactionOp().setData().forPath(shardPath, want));
                batch.put(name, want);
                bytes += want.length;
            }
            if (!ops.isEmpty()) {
                transact(next.latchNode(), ops);
                written.shards().putAll(batch);
            }
            if (!written.sharded()) {
                transact(next.latchNode(), List.of(client.transactionOp().setData().forPath(path, SHARDED_HEADER)));
                written = new Stored(true, SHARDED_HEADER, written.shards());
            }
        } catch (Exception e) {
            written = null; // read again before the retry: part of this write may have landed
            throw e;
        }
    }

    /** One transaction: the term's latch znode exists, then {@code ops}. */
    private void transact(String latchNode, List<CuratorOp> ops) throws Exception {
        List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
        all.add(client.transactionOp().check().forPath(latchNode));
        all.addAll(ops);
        try {
            client.transaction().forOperations(all);
        } catch (KeeperException e) {
            if (failedAt(e, 0)) {
                throw new Deposed(e);
            }
            throw e;
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
