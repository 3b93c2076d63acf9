package io.mezzo.bench.sim;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Mezzo distribution run as a separate process ({@code bin/karaf daemon}, which execs the JVM,
 * so the process we start is the JVM itself) on ports of the 45000–45999 range, stopped by its
 * own pid. The node variables ({@code MEZZO_*}) are set from a base port. Each start clears the
 * node's cluster state ({@code data/zookeeper}, {@code data/mezzo}) so runs do not inherit each
 * other's registry.
 */
public final class Distribution implements AutoCloseable {
    private final Process process;
    private final URI master;

    private Distribution(Process process, URI master) {
        this.process = process;
        this.master = master;
    }

    /**
     * Starts the distribution in {@code home} and waits for {@code /master/state} to answer 200, which it does once the node leads.
     *
     * @param basePort HTTP port; ZooKeeper, ssh and JMX take the next four
     * @param extraEnv e.g. {@code MEZZO_ROLES}, {@code MEZZO_AGENT_RESOURCES}
     */
    public static Distribution start(Path home, int basePort, String heap, Map<String, String> extraEnv,
            Duration startTimeout) throws IOException, InterruptedException {
        // every start is a fresh cluster: a registry left by the previous run would make the new
        // leader wait for a thousand agents that never come back, and a stale ZooKeeper session
        // can hold the leader znode (the node leads, then steps down) while the run starts
        deleteRecursively(home.resolve("data/zookeeper"));
        deleteRecursively(home.resolve("data/mezzo"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(new File(home.toFile(), "bench-console.log"));
        Map<String, String> env = pb.environment();
        env.put("MEZZO_HTTP_PORT", Integer.toString(basePort));
        env.put("MEZZO_ZK_PORT", Integer.toString(basePort + 1));
        env.put("MEZZO_ZK", "zk://127.0.0.1:" + (basePort + 1) + "/mezzo");
        env.put("MEZZO_SSH_PORT", Integer.toString(basePort + 2));
        env.put("MEZZO_JMX_REGISTRY_PORT", Integer.toString(basePort + 3));
        env.put("MEZZO_JMX_SERVER_PORT", Integer.toString(basePort + 4));
        env.put("MEZZO_WORK_DIR", home.resolve("data/mezzo").toString());
        env.put("JAVA_MAX_MEM", heap);
        env.put("JAVA_MIN_MEM", heap);
        env.putAll(extraEnv);
        Distribution d = new Distribution(pb.start(), URI.create("http://127.0.0.1:" + basePort));
        try {
            d.awaitHealthy(startTimeout);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("distribution exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(master.resolve("/master/state"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            // polling a process that has no readiness signal other than its HTTP port
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IOException("distribution not healthy within " + timeout);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    public URI master() {
        return master;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM to our pid, SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
