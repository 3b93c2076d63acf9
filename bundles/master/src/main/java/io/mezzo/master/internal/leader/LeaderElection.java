package io.mezzo.master.internal.leader;

import io.mezzo.api.codec.CodecException;
import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Curator leader election under {@code <zk path>/leader}, even with one master. The latch id (the
 * znode's data) is this master's MasterInfo as JSON, so agents, schedulers and standbys find the
 * leader by reading the lowest-sequence child, as with Mesos. Losing the ZooKeeper connection
 * steps down at once: a master that cannot prove it leads must not act as leader.
 *
 * <p>The latch znode that won a term is that term's {@link #fence()}: the registry writes check it
 * still exists ({@link ZkRegistry}). A write refused because it is gone while the latch still
 * claims leadership (the latch does not watch its own node) ends the term through
 * {@link #deposed}: the latch is replaced, which demotes this master, and it contends again.
 */
public final class LeaderElection implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    /** Told about every change, on Curator's threads. */
    public interface Listener {
        void elected();

        void demoted();

        void leaderChanged(Optional<MasterInfo> leader);
    }

    private final CuratorFramework client;
    private final String leaderPath;
    private final String latchId;
    private final CuratorCache cache;
    private final Listener listener;
    private volatile LeaderLatch latch; // replaced (under this) when a term ends by fencing
    private boolean closed; // guarded by this

    public LeaderElection(CuratorFramework client, String path, MasterInfo self, Listener listener) {
        this.client = client;
        this.leaderPath = path + "/leader";
        this.listener = listener;
        this.latchId = JsonCodec.toJson(self);
        this.latch = newLatch();
        this.cache = CuratorCache.build(client, leaderPath);
    }

    private LeaderLatch newLatch() {
        LeaderLatch created = new LeaderLatch(client, leaderPath, latchId, LeaderLatch.CloseMode.NOTIFY_LEADER);
        created.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("Elected leader at {} (latch znode {})", leaderPath, created.getLastPathIsLeader());
                listener.elected();
            }

            @Override
            public void notLeader() {
                LOG.info("Lost leadership at {}", leaderPath);
                listener.demoted();
            }
        });
        return created;
    }

    public synchronized void start() throws Exception {
        client.getConnectionStateListenable().addListener((c, state) -> onConnection(state));
        cache.listenable().addListener((type, oldData, data) -> listener.leaderChanged(currentLeader()));
        cache.start();
        latch.start();
    }

    /**
     * The latch znode that won the current term, while the latch claims leadership: the token a
     * registry write checks ({@link ZkRegistry#writerFor}). Curator sets it, after checking that
     * the node is ours and the lowest, just before it reports the election.
     */
    public Optional<String> fence() {
        LeaderLatch current = latch;
        return current.hasLeadership() ? Optional.ofNullable(current.getLastPathIsLeader()) : Optional.empty();
    }

    /**
     * ZooKeeper refused a registry write of the term won by {@code latchNode}: that node is gone.
     * If the latch still claims leadership with it, the term ends here: the latch is closed (which
     * demotes this master) and a new one contends. Otherwise the term already ended and nothing
     * is left to do.
     */
    public synchronized void deposed(String latchNode) {
        LeaderLatch current = latch;
        if (closed || !current.hasLeadership() || !latchNode.equals(current.getLastPathIsLeader())) {
            return;
        }
        LOG.warn("Latch znode {} is gone while this master still led with it: stepping down and contending again",
                latchNode);
        latch = newLatch();
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the deposed leader latch failed", e);
        }
        try {
            latch.start();
        } catch (Exception e) {
            LOG.error("Cannot contend for leadership again at {}", leaderPath, e);
        }
    }

    private void onConnection(ConnectionState state) {
        if (!state.isConnected()) {
            LOG.warn("ZooKeeper connection {}: stepping down", state);
            listener.demoted();
            listener.leaderChanged(Optional.empty());
        }
    }

    public boolean hasLeadership() {
        return latch.hasLeadership();
    }

    /** The leader: the data of the lowest-sequence latch node, decoded as MasterInfo JSON. */
    public Optional<MasterInfo> currentLeader() {
        if (!client.getZookeeperClient().isConnected()) {
            return Optional.empty();
        }
        return cache.stream()
                .filter(d -> d.getPath().startsWith(leaderPath + "/") && d.getData() != null)
                .min(Comparator.comparing(LeaderElection::sequence))
                .flatMap(LeaderElection::decode);
    }

    private static String sequence(ChildData d) {
        String name = d.getPath();
        return name.substring(Math.max(0, name.length() - 10));
    }

    private static Optional<MasterInfo> decode(ChildData d) {
        try {
            return Optional.of(JsonCodec.fromJson(new String(d.getData(), StandardCharsets.UTF_8),
                    MasterInfo.getDefaultInstance()));
        } catch (CodecException e) {
            LOG.warn("Leader znode {} does not hold MasterInfo JSON: {}", d.getPath(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            latch.close();
        } finally {
            cache.close();
        }
    }
}
