package io.mezzo.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default single-node cluster (embedded ZooKeeper + master + agent in one Karaf), started from
 * the built distribution on free ports with a fixed, small resource set so tests can reason about
 * offers.
 */
public final class SingleNode {
    public static final String RESOURCES = "cpus:4;mem:4096;disk:8192;ports:[31000-32000]";

    private SingleNode() {
    }

    /**
     * Starts a node named {@code name} from the distribution in system property
     * {@code mezzo.assembly.dir}, under {@code mezzo.nodes.dir}, and waits until it is healthy.
     */
    public static MezzoNode start(String name) {
        return start(name, RESOURCES);
    }

    /** As {@link #start(String)}, with the agent offering {@code resources} (Mesos text form). */
    public static MezzoNode start(String name, String resources) {
        Path distribution = Path.of(System.getProperty("mezzo.assembly.dir"));
        Path nodes = Path.of(System.getProperty("mezzo.nodes.dir"));
        int zkPort = FreePorts.next();
        MezzoNode node = MezzoNode.prepare(name, distribution, nodes, Map.of(
                "MEZZO_ZK_EMBEDDED", "true",
                "MEZZO_ZK_PORT", Integer.toString(zkPort),
                "MEZZO_ZK", "zk://127.0.0.1:" + zkPort + "/mezzo",
                "MEZZO_AGENT_RESOURCES", resources,
                "MEZZO_WORK_DIR", nodes.resolve(name).resolve("work").toString()));
        node.start();
        try {
            return node.awaitHealthy(Duration.ofSeconds(90))
                    .awaitLeaderKnown(Duration.ofSeconds(60))
                    .awaitActiveAgents(1, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // the caller gets no node to stop: a node that never got ready must not outlive the test
            node.stop();
            throw e;
        }
    }

    /** The sandbox file ({@code stdout}/{@code stderr}) of a task run by the node's agent. */
    public static Optional<Path> sandboxFile(MezzoNode node, String taskId, String file) {
        Path work = Path.of(node.env("MEZZO_WORK_DIR"));
        if (!Files.isDirectory(work)) {
            return Optional.empty();
        }
        String marker = "/executors/" + taskId + "/";
        try (Stream<Path> paths = Files.walk(work)) {
            return paths.filter(p -> p.getFileName().toString().equals(file))
                    .filter(p -> p.toString().contains(marker))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
