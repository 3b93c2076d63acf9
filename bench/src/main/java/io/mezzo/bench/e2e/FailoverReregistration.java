package io.mezzo.bench.e2e;

import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.sim.BatchScheduler;
import io.mezzo.bench.sim.Distribution;
import io.mezzo.bench.sim.SimulatedCluster;
import java.io.IOException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Issue 6: how long after kill -9 of the leading master 1,000 agents with 10,000 running tasks are
 * re-registered at the new leader. A ZooKeeper-only node and two masters, each its own Karaf
 * process from copies of one distribution (ZooKeeper session timeout 2 s); N simulated agents
 * ({@link SimulatedCluster} following the leader) and one framework that launches T long tasks.
 * Each run kills the leader, measures from the kill to
 * <ol>
 * <li>the standby naming itself leader ({@code /master/redirect}, polled every 20 ms), and</li>
 * <li>the last agent's SUBSCRIBED from the new leader, which the master sends after it adopted
 * the agent's tasks (so every agent and task is known to it) — then the new leader's
 * {@code /metrics/snapshot} is checked to count N active agents and T running tasks;</li>
 * </ol>
 * then starts the killed master again as the standby for the next run.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mezzo.bench.e2e.FailoverReregistration \
 *     --dist karaf-assembly/target/assembly --agents 1000 --tasks 10000 --runs 3
 * </pre>
 */
public final class FailoverReregistration {
    private static final Duration START = Duration.ofSeconds(240);
    private static final Duration WAIT = Duration.ofSeconds(180);

    private FailoverReregistration() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        Path dist = Path.of(o.get("dist", "karaf-assembly/target/assembly"));
        Path nodes = Path.of(o.get("nodes", "target/failover-bench"));
        int agents = o.getInt("agents", 1000);
        int tasks = o.getInt("tasks", 10_000);
        int runs = o.getInt("runs", 3);
        String resources = o.get("agent-resources", "cpus:10;mem:12800");
        String heap = o.get("heap", "1g");
        try (BenchCluster cluster = BenchCluster.start(dist, nodes)) {
            List<Distribution> masters = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                // the first leads before the second starts, so the roles are known
                masters.add(cluster.startMaster("master" + i, heap, Map.of("MEZZO_ZK_SESSION_TIMEOUT",
                        o.get("zk-session-timeout", "2secs")), i == 1 ? "/master/state" : "/health"));
            }
            System.out.printf("ZooKeeper node pid %d, masters pids %d (leader) and %d, %s%n",
                    cluster.zookeeper().pid(), masters.get(0).pid(), masters.get(1).pid(), Nodes.loadAverage());
            measure(masters, agents, tasks, runs, resources);
        }
    }

    private static void measure(List<Distribution> masters, int agents, int tasks, int runs, String resources)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (SimulatedCluster cluster = SimulatedCluster.start(masters.stream().map(Distribution::master).toList(),
                SimulatedCluster.Settings.of(agents, resources).withTaskDuration(Duration.ofDays(1)));
                BatchScheduler framework = BatchScheduler.longRunning("failover-bench", tasks, 1, 128);
                HttpReactor schedulerHttp = new HttpReactor("bench-scheduler-http", Duration.ofSeconds(30))) {
            URI leader = masters.get(0).master();
            Nodes.awaitMetrics(http, leader, agents, 0, WAIT);
            long launchStart = System.nanoTime();
            framework.subscribe(schedulerHttp, new InetSocketAddress(leader.getHost(), leader.getPort()), "bench");
            if (!framework.await(WAIT)) {
                throw new IllegalStateException(framework.remaining() + " tasks not RUNNING after " + WAIT);
            }
            Nodes.awaitMetrics(http, leader, agents, tasks, WAIT);
            System.out.printf("%d simulated agents of %s, %d tasks RUNNING (launched in %.1f s)%n", agents, resources,
                    tasks, (System.nanoTime() - launchStart) / 1e9);

            List<Double> elections = new ArrayList<>();
            List<Double> reregistrations = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Distribution killed = leaderOf(http, masters);
                Distribution standby = masters.get(0) == killed ? masters.get(1) : masters.get(0);
                long failuresBefore = cluster.resubscribeFailures();
                long killedAt = System.nanoTime();
                killed.kill();
                long electedAt = awaitSelfLeader(http, standby.master(), WAIT);
                long allAt = awaitAllSubscribedSince(cluster, killedAt, agents, WAIT);
                long confirmedAt = Nodes.awaitMetrics(http, standby.master(), agents, tasks, WAIT);
                double elected = (electedAt - killedAt) / 1e9;
                double all = (allAt - killedAt) / 1e9;
                elections.add(elected);
                reregistrations.add(all);
                System.out.printf("run %d: kill -9 of the leader (pid %d) -> standby leads %.2f s -> %d agents"
                        + " re-registered with %d tasks %.2f s (%.2f s after the election; metrics confirmed at %.2f s);"
                        + " refused re-subscriptions %d; %s%n", run, killed.pid(), elected, agents, tasks, all,
                        all - elected, (confirmedAt - killedAt) / 1e9, cluster.resubscribeFailures() - failuresBefore,
                        Nodes.loadAverage());
                killed.start("/health", START); // the standby of the next run
            }
            System.out.printf("RESULT failover agents=%d tasks=%d: kill -9 -> new leader %s; kill -9 -> all agents"
                    + " re-registered %s; samples %s / %s%n", agents, tasks, Figures.of(elections).format2("s"),
                    Figures.of(reregistrations).format2("s"), elections, reregistrations);
        }
    }

    /** The master that names itself leader; polled until one does. */
    private static Distribution leaderOf(HttpClient http, List<Distribution> masters) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Distribution m : masters) {
                if (m.isAlive() && namesItself(http, m.master())) {
                    return m;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling processes that offer no notification
        }
        throw new IllegalStateException("no leader within " + WAIT);
    }

    private static long awaitSelfLeader(HttpClient http, URI master, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (namesItself(http, master)) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException(master + " did not take over within " + timeout);
    }

    private static boolean namesItself(HttpClient http, URI master) throws InterruptedException {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(master.resolve("/master/redirect"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            Optional<String> location = r.headers().firstValue("Location");
            return r.statusCode() == 307 && location.isPresent()
                    && master.resolve(URI.create(location.get())).getPort() == master.getPort();
        } catch (IOException e) {
            return false;
        }
    }

    private static long awaitAllSubscribedSince(SimulatedCluster cluster, long since, int agents, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.subscribedSince(since) >= agents) {
                return cluster.lastSubscribedNanos();
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IllegalStateException(cluster.subscribedSince(since) + " of " + agents
                + " agents re-registered within " + timeout);
    }

}
