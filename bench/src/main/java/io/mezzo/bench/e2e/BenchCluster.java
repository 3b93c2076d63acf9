package io.mezzo.bench.e2e;

import io.mezzo.bench.sim.Distribution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of a whole-system bench: a ZooKeeper-only node, then the masters started against
 * it, each its own Karaf from a copy of the distribution on free ports. Closing stops them all,
 * newest first.
 */
final class BenchCluster implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(240);

    private final Path dist;
    private final Path home;
    private final String zkUrl;
    private final List<Distribution> started = new ArrayList<>();

    private BenchCluster(Path dist, Path home, String zkUrl) {
        this.dist = dist;
        this.home = home;
        this.zkUrl = zkUrl;
    }

    /** Starts the ZooKeeper node under {@code home}/zookeeper. */
    static BenchCluster start(Path dist, Path home) throws IOException, InterruptedException {
        int zkPort = Nodes.freePort();
        BenchCluster cluster = new BenchCluster(dist, home, "zk://127.0.0.1:" + zkPort + "/mezzo");
        cluster.started.add(Nodes.node(dist, home.resolve("zookeeper"), "256m", Map.of("MEZZO_ROLES", "zookeeper",
                "MEZZO_ZK_EMBEDDED", "true", "MEZZO_ZK_PORT", Integer.toString(zkPort), "MEZZO_ZK", cluster.zkUrl))
                .start("/health", START));
        return cluster;
    }

    Distribution zookeeper() {
        return started.get(0);
    }

    /**
     * Starts a master node named {@code name} (role master, this cluster's ZooKeeper, {@code env}
     * added) and waits until {@code readyPath} answers 200: {@code /master/state} once it leads,
     * {@code /health} for a standby.
     */
    Distribution startMaster(String name, String heap, Map<String, String> env, String readyPath)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("MEZZO_ROLES", "master");
        all.put("MEZZO_ZK_EMBEDDED", "false");
        all.put("MEZZO_ZK", zkUrl);
        Distribution master = Nodes.node(dist, home.resolve(name), heap, all);
        started.add(master);
        return master.start(readyPath, START);
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
