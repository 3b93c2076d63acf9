package io.mezzo.zookeeper.embedded.internal;

import io.mezzo.api.jmx.ZooKeeperMBean;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code io.mezzo:type=ZooKeeper} for the embedded server. A JMX client reads attributes one by
 * one (JConsole: all of them every few seconds), so the server is asked once and the answer kept
 * for a second.
 */
final class ZooKeeperServerMBean extends StandardMBean implements ZooKeeperMBean {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperServerMBean.class);
    private static final long FRESH_NANOS = 1_000_000_000L;
    private static final int TIMEOUT_MS = 2_000;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final int tickTime;
    private final LongSupplier nanoTime;
    private ServerStats stats = ServerStats.NONE;
    private long statsAt;
    private boolean fetched;

    ZooKeeperServerMBean(String host, int port, Path dataDir, int tickTime, LongSupplier nanoTime)
            throws NotCompliantMBeanException {
        super(ZooKeeperMBean.class, true);
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.tickTime = tickTime;
        this.nanoTime = nanoTime;
    }

    private synchronized ServerStats stats() {
        long now = nanoTime.getAsLong();
        if (!fetched || now - statsAt > FRESH_NANOS) {
            try {
                stats = ServerStats.query(host, port, TIMEOUT_MS);
            } catch (IOException e) {
                LOG.debug("ZooKeeper on {}:{} did not answer mntr", host, port, e);
                stats = ServerStats.NONE;
            }
            statsAt = now;
            fetched = true;
        }
        return stats;
    }

    @Override
    public boolean isServing() {
        return ServerStats.isOk(host, port, TIMEOUT_MS);
    }

    @Override
    public String getServerState() {
        return stats().text("zk_server_state");
    }

    @Override
    public String getVersion() {
        return stats().text("zk_version");
    }

    @Override
    public String getClientAddress() {
        return host + ":" + port;
    }

    @Override
    public String getDataDir() {
        return dataDir.toString();
    }

    @Override
    public int getTickTime() {
        return tickTime;
    }

    /** ZooKeeper's bounds when none are configured (Mezzo configures none): 2 and 20 ticks. */
    @Override
    public int getMinSessionTimeout() {
        return 2 * tickTime;
    }

    @Override
    public int getMaxSessionTimeout() {
        return 20 * tickTime;
    }

    @Override
    public long getAliveConnections() {
        return stats().number("zk_num_alive_connections");
    }

    @Override
    public long getOutstandingRequests() {
        return stats().number("zk_outstanding_requests");
    }

    @Override
    public long getPacketsReceived() {
        return stats().number("zk_packets_received");
    }

    @Override
    public long getPacketsSent() {
        return stats().number("zk_packets_sent");
    }

    @Override
    public double getAvgLatency() {
        return stats().decimal("zk_avg_latency");
    }

    @Override
    public long getMinLatency() {
        return stats().number("zk_min_latency");
    }

    @Override
    public long getMaxLatency() {
        return stats().number("zk_max_latency");
    }

    @Override
    public long getZnodeCount() {
        return stats().number("zk_znode_count");
    }

    @Override
    public long getWatchCount() {
        return stats().number("zk_watch_count");
    }

    @Override
    public long getEphemeralsCount() {
        return stats().number("zk_ephemerals_count");
    }

    @Override
    public long getApproximateDataSize() {
        return stats().number("zk_approximate_data_size");
    }
}
