package io.mezzo.itests.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A multi-node cluster on one machine: one node that only runs ZooKeeper, {@code masters} master
 * nodes and {@code agents} agent nodes, each its own Karaf process with its own ports and data
 * directory, all from one built distribution. Used by the fault tests, and runnable by hand:
 *
 * <pre>java -cp itests/harness/target/classes io.mezzo.itests.harness.LocalCluster 3 3</pre>
 *
 * (after {@code mvn -B -DskipTests package}); it prints the nodes' addresses and pids and stops
 * them all on Ctrl-C.
 */
public final class LocalCluster implements AutoCloseable {
    /**
     * Per node; generous because six Karaf JVMs starting at once on a loaded 2-core machine take
     * minutes. {@code -Dmezzo.start.timeout.seconds} overrides it.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("mezzo.start.timeout.seconds", 360));

    private final MezzoNode zookeeper;
    private final List<MezzoNode> masters;
    private final List<MezzoNode> agents;
    private final String zkUrl;

    private LocalCluster(MezzoNode zookeeper, List<MezzoNode> masters, List<MezzoNode> agents, String zkUrl) {
        this.zookeeper = zookeeper;
        this.masters = masters;
        this.agents = agents;
        this.zkUrl = zkUrl;
    }

    /**
     * Starts the cluster. {@code agentEnv} is added to every agent's environment (e.g.
     * {@code MEZZO_AGENT_RESOURCES}); {@code masterEnv} to every master's.
     */
    public static LocalCluster start(Path distribution, Path baseDir, int masterCount, int agentCount,
            Map<String, String> masterEnv, Map<String, String> agentEnv) {
        int zkPort = FreePorts.next();
        String zkUrl = "zk://127.0.0.1:" + zkPort + "/mezzo";
        List<MezzoNode> started = new ArrayList<>();
        try {
            // roles "zookeeper": neither master nor agent. An empty MEZZO_ROLES would not do, because
            // ${env:MEZZO_ROLES:-master,agent} takes the default for an empty variable too.
            MezzoNode zk = MezzoNode.prepare("zookeeper", distribution, baseDir, Map.of(
                    "MEZZO_ROLES", "zookeeper", "MEZZO_ZK_EMBEDDED", "true", "MEZZO_ZK_PORT", Integer.toString(zkPort),
                    "MEZZO_ZK", zkUrl));
            // in the list before waiting on it, so a node that never gets healthy is stopped too
            started.add(zk.start());
            zk.awaitHealthy(START_TIMEOUT);
            List<MezzoNode> masters = new ArrayList<>();
            for (int i = 1; i <= masterCount; i++) {
                Map<String, String> env = new LinkedHashMap<>(masterEnv);
                env.put("MEZZO_ROLES", "master");
                env.put("MEZZO_ZK", zkUrl);
                masters.add(MezzoNode.prepare("master" + i, distribution, baseDir, env).start());
            }
            started.addAll(masters);
            List<MezzoNode> agents = new ArrayList<>();
            for (int i = 1; i <= agentCount; i++) {
                Map<String, String> env = new LinkedHashMap<>(agentEnv);
                env.put("MEZZO_ROLES", "agent");
                env.put("MEZZO_ZK", zkUrl);
                env.putIfAbsent("MEZZO_WORK_DIR", baseDir.resolve("agent" + i).resolve("work").toString());
                agents.add(MezzoNode.prepare("agent" + i, distribution, baseDir, env).start());
            }
            started.addAll(agents);
            for (MezzoNode node : started) {
                node.awaitHealthy(START_TIMEOUT);
            }
            return new LocalCluster(zk, masters, agents, zkUrl);
        } catch (RuntimeException e) {
            started.forEach(MezzoNode::stop);
            throw e;
        }
    }

    public String zkUrl() {
        return zkUrl;
    }

    public MezzoNode zookeeper() {
        return zookeeper;
    }

    public List<MezzoNode> masters() {
        return masters;
    }

    public List<MezzoNode> agents() {
        return agents;
    }

    /** Stops agents, then masters, then ZooKeeper, each by its pid. */
    @Override
    public void close() {
        agents.forEach(MezzoNode::stop);
        masters.forEach(MezzoNode::stop);
        zookeeper.stop();
    }

    /** {@code LocalCluster [masters] [agents] [distribution dir] [nodes dir]}. */
    public static void main(String[] args) throws InterruptedException {
        int masters = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path distribution = Path.of(args.length > 2 ? args[2] : "karaf-assembly/target/assembly");
        Path nodes = Path.of(args.length > 3 ? args[3] : "target/local-cluster");
        LocalCluster cluster = start(distribution, nodes, masters, agents, Map.of(), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "local-cluster-stop"));
        List<String> lines = new ArrayList<>();
        lines.add("ZooKeeper  " + cluster.zkUrl() + "  (pid " + cluster.zookeeper().pid() + ")");
        for (MezzoNode m : cluster.masters()) {
            lines.add(String.format("%-10s %s  ssh %s  (pid %d, logs %s)", m.home().getFileName(), m.baseUri(),
                    m.env("MEZZO_SSH_PORT"), m.pid(), m.logFile()));
        }
        for (MezzoNode a : cluster.agents()) {
            lines.add(String.format("%-10s ssh %s  (pid %d, logs %s)", a.home().getFileName(), a.env("MEZZO_SSH_PORT"),
                    a.pid(), a.logFile()));
        }
        lines.add("Ctrl-C stops every node.");
        lines.forEach(System.out::println); // NOSONAR: this is the command's output
        stopped.await();
    }
}
