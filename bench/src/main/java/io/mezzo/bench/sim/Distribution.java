package io.mezzo.bench.sim;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mezzo distribution run as a separate process ({@code bin/karaf daemon}, which execs the JVM,
 * so the process we start is the JVM itself), configured by the node variables ({@code MEZZO_*})
 * and controlled only through the pid it started: stop, kill -9, start again.
 */
public final class Distribution implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env;
    private final URI base;
    private Process process;

    private Distribution(Path home, Map<String, String> env, URI base) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.base = base;
    }

    /**
     * Starts the distribution in {@code home} as a single node (its own embedded ZooKeeper) on ports
     * of the 45000–45999 range and waits for {@code /master/state} to answer 200, which it does
     * once the node leads. The node's cluster state ({@code data/zookeeper}, {@code data/mezzo})
     * is cleared first, so runs do not inherit each other's registry.
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
        Map<String, String> env = new HashMap<>();
        env.put("MEZZO_ZK_PORT", Integer.toString(basePort + 1));
        env.put("MEZZO_ZK", "zk://127.0.0.1:" + (basePort + 1) + "/mezzo");
        env.put("MEZZO_WORK_DIR", home.resolve("data/mezzo").toString());
        env.putAll(extraEnv);
        return node(home, basePort, heap, env).start("/master/state", startTimeout);
    }

    /**
     * A node of a multi-process cluster in {@code home} (not started): HTTP on {@code basePort},
     * ssh and JMX on the next three ports; ZooKeeper and roles come from {@code env}.
     */
    public static Distribution node(Path home, int basePort, String heap, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("MEZZO_HTTP_PORT", Integer.toString(basePort));
        all.put("MEZZO_HTTP_HOST", "127.0.0.1");
        all.put("MEZZO_SSH_PORT", Integer.toString(basePort + 2));
        all.put("MEZZO_JMX_REGISTRY_PORT", Integer.toString(basePort + 3));
        all.put("MEZZO_JMX_SERVER_PORT", Integer.toString(basePort + 4));
        all.put("JAVA_MAX_MEM", heap);
        all.put("JAVA_MIN_MEM", heap);
        all.putAll(env);
        return new Distribution(home, all, URI.create("http://127.0.0.1:" + basePort));
    }

    /**
     * A private copy of {@code distribution} at {@code home} for one node of a cluster: its own
     * bin/ and etc/ and an empty data dir; system/ and lib/ are shared through symbolic links.
     */
    public static Path copy(Path distribution, Path home) throws IOException {
        deleteRecursively(home);
        Files.createDirectories(home);
        for (String dir : new String[] {"bin", "etc"}) {
            copyRecursively(distribution.resolve(dir), home.resolve(dir));
        }
        Files.createDirectories(home.resolve("deploy"));
        for (String dir : new String[] {"system", "lib"}) {
            Files.createSymbolicLink(home.resolve(dir), distribution.resolve(dir).toAbsolutePath());
        }
        return home;
    }

    /** Starts the JVM and waits until {@code readyPath} answers 200. */
    public Distribution start(String readyPath, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toAbsolutePath().toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(home.toFile(), "bench-console.log")));
        pb.environment().putAll(env);
        process = pb.start();
        try {
            awaitGet(readyPath, timeout);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Waits until {@code GET path} answers 200. */
    public void awaitGet(String path, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("distribution in " + home + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve(path))
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
        throw new IOException("distribution in " + home + ": " + path + " not 200 within " + timeout);
    }

    public URI master() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9 of our pid: no shutdown at all, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM to our pid, SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
