package io.mezzo.bench.e2e;

import io.mezzo.bench.sim.Distribution;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the multi-process harnesses share: nodes on free ports, the master's metrics, the load. */
final class Nodes {
    private static final Pattern METRIC = Pattern.compile("\"(master/[a-z_]+)\"\\s*:\\s*([0-9.]+)");

    private Nodes() {
    }

    /**
     * A node from a copy of {@code dist} on free ports (fixed ones may be taken as ephemeral ports);
     * ports already in {@code env} are kept.
     */
    static Distribution node(Path dist, Path home, String heap, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        for (String port : new String[] {"MEZZO_SSH_PORT", "MEZZO_JMX_REGISTRY_PORT", "MEZZO_JMX_SERVER_PORT"}) {
            if (!all.containsKey(port)) {
                all.put(port, Integer.toString(freePort()));
            }
        }
        return Distribution.node(Distribution.copy(dist, home), freePort(), heap, all);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the master's metrics count {@code agents} active agents and {@code tasks} running tasks. */
    static long awaitMetrics(HttpClient http, URI master, int agents, int tasks, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(master.resolve("/metrics/snapshot"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                Map<String, Double> m = metrics(last);
                if (m.getOrDefault("master/elected", 0.0) == 1 && m.getOrDefault("master/slaves_active", 0.0) == agents
                        && m.getOrDefault("master/tasks_running", 0.0) == tasks) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(master + " did not count " + agents + " agents and " + tasks
                + " running tasks within " + timeout + ": " + last);
    }

    static Map<String, Double> metrics(String json) {
        Map<String, Double> m = new java.util.HashMap<>();
        Matcher matcher = METRIC.matcher(json);
        while (matcher.find()) {
            m.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return m;
    }

    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "load average unknown";
        }
    }
}
