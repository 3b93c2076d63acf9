package io.mezzo.api.jmx;

/**
 * {@code io.mezzo:type=ZooKeeper}: the ZooKeeper server embedded in this container, registered
 * only while it runs. The figures are the server's own ({@code mntr}), read at most once a second.
 */
public interface ZooKeeperMBean {
    String OBJECT_NAME = "io.mezzo:type=ZooKeeper";

    /** Whether the server answers {@code ruok}; the other figures are zero while it does not. */
    boolean isServing();

    /** {@code standalone}, {@code leader} or {@code follower}. */
    String getServerState();

    String getVersion();

    /** {@code host:port} that clients connect to. */
    String getClientAddress();

    String getDataDir();

    int getTickTime();

    int getMinSessionTimeout();

    int getMaxSessionTimeout();

    long getAliveConnections();

    long getOutstandingRequests();

    long getPacketsReceived();

    long getPacketsSent();

    /** Request latency in milliseconds since the server started. */
    double getAvgLatency();

    long getMinLatency();

    long getMaxLatency();

    long getZnodeCount();

    long getWatchCount();

    long getEphemeralsCount();

    long getApproximateDataSize();
}
