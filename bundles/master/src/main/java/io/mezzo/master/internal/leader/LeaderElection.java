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
    private final LeaderLatch latch;
    private final CuratorCache cache;
    private final Listener listener;

    public LeaderElection(CuratorFramework client, String path, MasterInfo self, Listener listener) {
        this.client = client;
        this.leaderPath = path + "/leader";
        this.listener = listener;
        this.latch = new LeaderLatch(client, leaderPath, JsonCodec.toJson(self), LeaderLatch.CloseMode.NOTIFY_LEADER);
        this.cache = CuratorCache.build(client, leaderPath);
    }

    public void start() throws Exception {
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("Elected leader at {}", leaderPath);
                listener.elected();
            }

            @Override
            public void notLeader() {
                LOG.info("Lost leadership at {}", leaderPath);
                listener.demoted();
            }
        });
        client.getConnectionStateListenable().addListener((c, state) -> onConnection(state));
        cache.listenable().addListener((type, oldData, data) -> listener.leaderChanged(currentLeader()));
        cache.start();
        latch.start();
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
    public void close() throws IOException {
        try {
            latch.close();
        } finally {
            cache.close();
        }
    }
}
