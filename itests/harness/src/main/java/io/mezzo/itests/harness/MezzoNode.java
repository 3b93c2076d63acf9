package io.mezzo.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Mezzo node: a Karaf process started from a private copy of the built distribution, with its
 * own ports and data directory, configured through the {@code MEZZO_*} environment variables.
 * It is controlled only through the pid it started ({@code bin/karaf daemon} execs the JVM, so
 * that pid is the JVM's): stop, kill -9, SIGSTOP/SIGCONT.
 */
public final class MezzoNode implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path home;
    private final Map<String, String> environment;
    private final int httpPort;
    private Process process;

    private MezzoNode(String name, Path home, Map<String, String> environment, int httpPort) {
        this.name = name;
        this.home = home;
        this.environment = environment;
        this.httpPort = httpPort;
    }

    /**
     * Prepares a node named {@code name} under {@code baseDir} from the distribution at
     * {@code distribution} (bin/ and etc/ are copied so each node has its own; system/ and lib/ are
     * shared read-only through symbolic links). {@code env} adds to or overrides the defaults: free
     * HTTP, SSH and JMX ports and no embedded ZooKeeper unless asked for.
     */
    public static MezzoNode prepare(String name, Path distribution, Path baseDir, Map<String, String> env) {
        Path home = baseDir.resolve(name);
        try {
            deleteRecursively(home);
            Files.createDirectories(home);
            copyRecursively(distribution.resolve("bin"), home.resolve("bin"));
            copyRecursively(distribution.resolve("etc"), home.resolve("etc"));
            Files.createDirectories(home.resolve("deploy")); // Karaf's hot-deploy folder
            Files.createSymbolicLink(home.resolve("system"), distribution.resolve("system").toAbsolutePath());
            Files.createSymbolicLink(home.resolve("lib"), distribution.resolve("lib").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare node " + name + " in " + home, e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MEZZO_HTTP_PORT", Integer.toString(FreePorts.next()));
        environment.put("MEZZO_HTTP_HOST", "127.0.0.1");
        environment.put("MEZZO_SSH_PORT", Integer.toString(FreePorts.next()));
        environment.put("MEZZO_JMX_REGISTRY_PORT", Integer.toString(FreePorts.next()));
        environment.put("MEZZO_JMX_SERVER_PORT", Integer.toString(FreePorts.next()));
        environment.put("MEZZO_ZK_EMBEDDED", "false");
        environment.putAll(env);
        return new MezzoNode(name, home, environment, Integer.parseInt(environment.get("MEZZO_HTTP_PORT")));
    }

    /** Starts the JVM; returns at once (see {@link #awaitHealthy}). */
    public MezzoNode start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        return this;
    }

    /** Waits until {@code GET /health} answers 200; fails with the log's location otherwise. */
    public MezzoNode awaitHealthy(Duration timeout) {
        return awaitGet("/health", timeout, response -> response.statusCode() == 200, "not healthy");
    }

    /** Waits until this node knows an elected leader ({@code GET /master/redirect} answers 307). */
    public MezzoNode awaitLeaderKnown(Duration timeout) {
        return awaitGet("/master/redirect", timeout, response -> response.statusCode() == 307,
                "no leader known");
    }

    /**
     * Waits until the leading master (this node) reports {@code agents} activated agents in
     * {@code /master/state}.
     */
    public MezzoNode awaitActiveAgents(int agents, Duration timeout) {
        return awaitGet("/master/state", timeout, response -> response.statusCode() == 200
                && response.body().replace(" ", "").contains("\"activated_slaves\":" + agents),
                agents + " active agent(s) not reported");
    }

    private MezzoNode awaitGet(String path, Duration timeout,
            java.util.function.Predicate<HttpResponse<String>> done, String failure) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile());
            }
            try {
                if (done.test(http.send(request, HttpResponse.BodyHandlers.ofString()))) {
                    return this;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + ": " + failure + " after " + timeout + "; see " + logFile());
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public String env(String variable) {
        return environment.get(variable);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path home() {
        return home;
    }

    /** Karaf's hot-deploy folder: a bundle jar dropped here is installed and started. */
    public Path deployDir() {
        return home.resolve("deploy");
    }

    /** A file of the distribution's Maven-layout {@code system/} repository, e.g. a bundle to hot-deploy. */
    public Path systemArtifact(String groupId, String artifactId, String version) {
        return home.resolve("system").resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".jar");
    }

    public Path logFile() {
        return home.resolve("data/log/karaf.log");
    }

    /** A JMX connection over RMI to this node, as JConsole would open it (the URL in the README). */
    public javax.management.remote.JMXConnector connectJmx(String user, String password) throws IOException {
        javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                "service:jmx:rmi://127.0.0.1:" + environment.get("MEZZO_JMX_SERVER_PORT")
                + "/jndi/rmi://127.0.0.1:" + environment.get("MEZZO_JMX_REGISTRY_PORT") + "/karaf-root");
        return javax.management.remote.JMXConnectorFactory.connect(url,
                Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    /**
     * Runs one console command through {@code bin/client} in batch mode (the form that works on
     * Karaf 4.4) and returns what it printed, stdout and stderr together.
     */
    public ConsoleResult console(String command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(),
                "-a", environment.get("MEZZO_SSH_PORT"), "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-b")
                .directory(home.toFile())
                .redirectErrorStream(true);
        // without it bin/client prints a warning line before the command's own output
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process client = builder.start();
            try (var in = client.getOutputStream()) {
                in.write((command + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("console command '" + command + "' still running after " + timeout);
            }
            return new ConsoleResult(client.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a console command printed and how {@code bin/client} exited. */
    public record ConsoleResult(int exitCode, String output) {
    }

    /** kill -9: the node gets no chance to clean up (its ZooKeeper session expires later). */
    public void kill() {
        if (isAlive()) {
            process.destroyForcibly();
            waitForExit(STOP_GRACE);
        }
    }

    /** SIGSTOP: the process freezes, as if cut off from the network. */
    public void suspend() {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() {
        signal("CONT");
    }

    /**
     * SIGTERM (Karaf's orderly shutdown), then SIGKILL if it has not exited in time; then the
     * node's leftover tasks are killed (see {@link #killLeftoverTasks()}).
     */
    public void stop() {
        if (isAlive()) {
            resume(); // a suspended JVM cannot handle SIGTERM
            process.destroy();
            if (!waitForExit(STOP_GRACE)) {
                process.destroyForcibly();
                waitForExit(STOP_GRACE);
            }
        }
        killLeftoverTasks();
    }

    /**
     * Tasks are built to outlive their agent (that is what makes agent restarts safe), so a node
     * stopped while tasks run leaves them behind. They were started on the test's behalf: kill
     * their process groups, found through the pids the command executor checkpoints in each
     * sandbox under this node's {@code MEZZO_WORK_DIR}. Tasks that already ended (an exit status
     * is recorded) are left alone, so a reused pid is never signalled for them.
     */
    public void killLeftoverTasks() {
        String workDir = environment.get("MEZZO_WORK_DIR");
        if (workDir == null || !Files.isDirectory(Path.of(workDir))) {
            return;
        }
        try (Stream<Path> paths = Files.walk(Path.of(workDir))) {
            paths.filter(p -> p.getFileName().toString().equals("task.checkpoint"))
                    .filter(p -> !Files.exists(p.resolveSibling("exit_status")))
                    .forEach(MezzoNode::killProcessGroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killProcessGroup(Path checkpoint) {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(checkpoint)) {
            properties.load(in);
        } catch (IOException e) {
            return; // half-written: the task never started
        }
        String pid = properties.getProperty("pid");
        if (pid == null || !Files.exists(Path.of("/proc", pid))) {
            return;
        }
        kill("-KILL", "--", "-" + pid); // the group may be gone meanwhile: nothing left to do then
    }

    @Override
    public void close() {
        stop();
    }

    private void signal(String signal) {
        if (!isAlive()) {
            return;
        }
        if (!kill("-" + signal, Long.toString(process.pid()))) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Runs {@code kill} with {@code arguments}; true if it succeeded within 10 s. */
    private static boolean kill(String... arguments) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("kill"));
        command.addAll(java.util.List.of(arguments));
        try {
            Process kill = new ProcessBuilder(command).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
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
