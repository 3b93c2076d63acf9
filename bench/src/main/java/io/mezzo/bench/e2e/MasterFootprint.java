package io.mezzo.bench.e2e;

import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.sim.BatchScheduler;
import io.mezzo.bench.sim.Distribution;
import io.mezzo.bench.sim.SimulatedCluster;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Issue 8, benchmark 5: the master's heap and the latency of its state endpoints at scale. A
 * ZooKeeper-only node and one master node (each its own Karaf process), N simulated agents and
 * one framework that launches T long-running tasks; once the master counts them all, a full GC
 * is run in the master's JVM over JMX and the heap in use after it is read (the whole Karaf JVM:
 * master, HTTP, JMX and the container itself), then {@code GET /master/state} and
 * {@code GET /metrics/snapshot} are timed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mezzo.bench.e2e.MasterFootprint \
 *     --dist karaf-assembly/target/assembly --agents 10000 --tasks 100000 --heap 2g --requests 10
 * </pre>
 */
public final class MasterFootprint {
    private static final Duration WAIT = Duration.ofSeconds(600);

    private MasterFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        Path dist = Path.of(o.get("dist", "karaf-assembly/target/assembly"));
        Path nodes = Path.of(o.get("nodes", "target/footprint-bench"));
        int agents = o.getInt("agents", 10_000);
        int tasks = o.getInt("tasks", 100_000);
        int requests = o.getInt("requests", 10);
        String resources = o.get("agent-resources", "cpus:10;mem:12800");
        String heap = o.get("heap", "2g");
        int jmxRegistry = Nodes.freePort();
        int jmxServer = Nodes.freePort();

        try (BenchCluster cluster = BenchCluster.start(dist, nodes)) {
            Distribution master = cluster.startMaster("master", heap, Map.of(
                    "MEZZO_JMX_REGISTRY_PORT", Integer.toString(jmxRegistry),
                    "MEZZO_JMX_SERVER_PORT", Integer.toString(jmxServer)), "/master/state");
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi://127.0.0.1:"
                    + jmxServer + "/jndi/rmi://127.0.0.1:" + jmxRegistry + "/karaf-root"),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"}))) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                System.out.printf("master pid %d, heap %s; empty: heap used after full GC %s; %s%n", master.pid(),
                        heap, mib(heapAfterGc(mbeans)), Nodes.loadAverage());
                measure(master.master(), mbeans, agents, tasks, requests, resources);
            }
        }
    }

    private static void measure(URI master, MBeanServerConnection mbeans, int agents, int tasks, int requests,
            String resources) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long startedAt = System.nanoTime();
        try (SimulatedCluster cluster = SimulatedCluster.start(master,
                SimulatedCluster.Settings.of(agents, resources).withTaskDuration(Duration.ofDays(1)));
                BatchScheduler framework = BatchScheduler.longRunning("footprint-bench", tasks, 1, 128);
                HttpReactor schedulerHttp = new HttpReactor("bench-scheduler-http", Duration.ofSeconds(30))) {
            Nodes.awaitMetrics(http, master, agents, 0, WAIT);
            System.out.printf("%d simulated agents of %s registered in %.1f s; heap used after full GC %s%n", agents,
                    resources, (System.nanoTime() - startedAt) / 1e9, mib(heapAfterGc(mbeans)));
            long launchStart = System.nanoTime();
            framework.subscribe(schedulerHttp, new InetSocketAddress(master.getHost(), master.getPort()), "bench");
            if (!framework.await(WAIT)) {
                throw new IllegalStateException(framework.remaining() + " tasks not RUNNING after " + WAIT);
            }
            Nodes.awaitMetrics(http, master, agents, tasks, WAIT);
            System.out.printf("%d tasks RUNNING (launched in %.1f s)%n", tasks, (System.nanoTime() - launchStart) / 1e9);

            long used = heapAfterGc(mbeans);
            System.out.printf("RESULT footprint agents=%d tasks=%d: master heap used after full GC %s (%.1f KiB per"
                    + " task, agents included); %s%n", agents, tasks, mib(used), used / 1024.0 / tasks,
                    Nodes.loadAverage());
            time(http, master, "/master/state", requests);
            time(http, master, "/metrics/snapshot", requests);
            stallDuring(http, master, "/master/state", "/metrics/snapshot", requests);
        }
    }

    /** Full GC in the master's JVM, then its heap in use. */
    private static long heapAfterGc(MBeanServerConnection mbeans) throws Exception {
        ObjectName memory = new ObjectName("java.lang:type=Memory");
        mbeans.invoke(memory, "gc", null, null);
        return MemoryUsage.from((CompositeData) mbeans.getAttribute(memory, "HeapMemoryUsage")).getUsed();
    }

    /** One untimed request (JIT, caches), then {@code requests} timed ones. */
    private static void time(HttpClient http, URI master, String path, int requests) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(master.resolve(path)).timeout(Duration.ofSeconds(120)).build();
        long size = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - start) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            size = r.body().length;
        }
        System.out.printf("RESULT GET %s: %s, %.1f MiB per answer; %s%n", path, Figures.of(millis).format("ms"),
                size / 1024.0 / 1024, Nodes.loadAverage());
    }

    /**
     * How long {@code big} holds the master's loop: {@code probe} (answered on the loop, in a few
     * ms when idle) is asked again and again while {@code big} is in flight; its slowest answer is
     * about the longest time the loop could not serve anything else.
     */
    private static void stallDuring(HttpClient http, URI master, String big, String probe, int requests)
            throws Exception {
        HttpRequest bigGet = HttpRequest.newBuilder(master.resolve(big)).timeout(Duration.ofSeconds(120)).build();
        HttpRequest probeGet = HttpRequest.newBuilder(master.resolve(probe)).timeout(Duration.ofSeconds(120)).build();
        List<Double> worst = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            java.util.concurrent.CompletableFuture<HttpResponse<Void>> inFlight = http.sendAsync(bigGet,
                    HttpResponse.BodyHandlers.discarding());
            double max = 0;
            while (!inFlight.isDone()) {
                long start = System.nanoTime();
                http.send(probeGet, HttpResponse.BodyHandlers.discarding());
                max = Math.max(max, (System.nanoTime() - start) / 1e6);
            }
            inFlight.join();
            worst.add(max);
        }
        System.out.printf("RESULT GET %s while GET %s runs (the loop held): slowest answer per request %s; %s%n",
                probe, big, Figures.of(worst).format("ms"), Nodes.loadAverage());
    }

    private static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1024.0 / 1024);
    }
}
