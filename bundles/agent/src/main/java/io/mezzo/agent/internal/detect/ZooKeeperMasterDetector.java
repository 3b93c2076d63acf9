package io.mezzo.agent.internal.detect;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the leading master in ZooKeeper: the lowest-sequence child of {@code <path>/leader}
 * (Curator LeaderLatch participants), whose data is the master's MasterInfo as JSON.
 *
 * <p>All reads run on one detector thread, triggered by child watches and connection changes.
 * While the ZooKeeper connection is suspended or lost the detector reports no master, which makes
 * the agent refuse instructions (DESIGN §6); on reconnection it reads the leader again.
 */
public final class ZooKeeperMasterDetector implements MasterDetector {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMasterDetector.class);

    private final CuratorFramework client;
    private final String leaderPath;
    private final ExecutorService thread;
    private final CuratorWatcher watcher = event -> refreshLater();
    private volatile Consumer<Optional<URI>> listener = m -> { };
    private Optional<URI> reported; // detector thread only

    public ZooKeeperMasterDetector(MasterUrl.ZooKeeperAddress address, int sessionTimeoutMs, int connectionTimeoutMs) {
        this.leaderPath = address.leaderPath();
        this.client = CuratorFrameworkFactory.builder().connectString(address.connectString())
                .sessionTimeoutMs(sessionTimeoutMs).connectionTimeoutMs(connectionTimeoutMs)
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 2000)).build();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mezzo-agent-detector");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Consumer<Optional<URI>> newListener) {
        this.listener = newListener;
        client.getConnectionStateListenable().addListener((c, state) -> onConnectionState(state));
        client.start();
        refreshLater();
    }

    private void onConnectionState(ConnectionState state) {
        LOG.info("ZooKeeper connection {}", state);
        if (state.isConnected()) {
            refreshLater();
        } else {
            submit(() -> report(Optional.empty()));
        }
    }

    private void refreshLater() {
        submit(this::refresh);
    }

    private void submit(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("Detector closed; ignoring a late ZooKeeper notification", e);
        }
    }

    private void refresh() {
        if (!client.getZookeeperClient().isConnected()) {
            report(Optional.empty());
            return;
        }
        try {
            report(readLeader());
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            LOG.info("ZooKeeper unavailable while reading the leader: {}", e.getMessage());
            report(Optional.empty()); // the connection listener triggers the next read
        } catch (Exception e) {
            LOG.warn("Cannot read the leading master from {}", leaderPath, e);
            report(Optional.empty());
        }
    }

    private Optional<URI> readLeader() throws Exception {
        if (client.checkExists().usingWatcher(watcher).forPath(leaderPath) == null) {
            return Optional.empty(); // the watch fires when the first master creates it
        }
        List<String> children;
        try {
            children = client.getChildren().usingWatcher(watcher).forPath(leaderPath);
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
        Optional<String> leader = LeaderLatchNodes.leader(children);
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] data = client.getData().forPath(leaderPath + "/" + leader.get());
            return Optional.of(MasterInfos.baseUri(MasterInfos.decode(data)));
        } catch (KeeperException.NoNodeException e) {
            refreshLater(); // the leader left between the two reads; the child watch fires too
            return Optional.empty();
        }
    }

    private void report(Optional<URI> master) {
        if (!master.equals(reported)) {
            reported = master;
            listener.accept(master);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        client.close();
    }
}
