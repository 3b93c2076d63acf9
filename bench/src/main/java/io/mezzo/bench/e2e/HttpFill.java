package io.mezzo.bench.e2e;

import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.sim.BatchScheduler;
import io.mezzo.bench.sim.Distribution;
import io.mezzo.bench.sim.SimulatedCluster;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9's workload through the real HTTP API with protobuf, the second figure next to
 * {@code MasterFill} (which runs the master core in process): a master node (its own Karaf
 * process), N simulated agents of {@code cpus:24;mem:24576} and M HTTP schedulers in one role,
 * each wanting twice its fair share of {@code <1 cpu, 1024 MB>} tasks. A round starts from an empty
 * cluster; every offer is accepted with as many tasks as fit; it ends when all N × 24 tasks are
 * RUNNING, as the schedulers learn it: the time is from the first ACCEPT to the acknowledgement of
 * the last task's TASK_RUNNING — placement plus the wire (offers out, ACCEPTs in, RUN_TASK to the
 * agents, their updates back through the master to the schedulers). Between rounds (not timed)
 * the round's frameworks are torn down, which kills their tasks, and the master is waited for
 * until it counts none running; the next round subscribes new frameworks.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mezzo.bench.e2e.HttpFill \
 *     --dist karaf-assembly/target/assembly --agents 1000 --frameworks 100 --rounds 5 --warmup 2
 * </pre>
 */
public final class HttpFill {
    private static final Duration WAIT = Duration.ofSeconds(600);
    private static final int SLOTS_PER_AGENT = 24;

    private HttpFill() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        Path dist = Path.of(o.get("dist", "karaf-assembly/target/assembly"));
        Path nodes = Path.of(o.get("nodes", "target/http-fill-bench"));
        int agents = o.getInt("agents", 1000);
        int frameworks = o.getInt("frameworks", 100);
        int rounds = o.getInt("rounds", 5);
        int warmup = o.getInt("warmup", 2);
        try (BenchCluster cluster = BenchCluster.start(dist, nodes)) {
            Distribution master = cluster.startMaster("master", o.get("heap", "2g"), Map.of(), "/master/state");
            measure(master.master(), agents, frameworks, rounds, warmup, o.getInt("lanes", frameworks > 200 ? 1 : 2));
        }
    }

    private static void measure(URI master, int agents, int frameworks, int rounds, int warmup, int lanes)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        InetSocketAddress address = new InetSocketAddress(master.getHost(), master.getPort());
        int slots = agents * SLOTS_PER_AGENT;
        int wants = 2 * (int) Math.ceil(slots / (double) frameworks);
        try (SimulatedCluster cluster = SimulatedCluster.start(master, SimulatedCluster.Settings.of(agents,
                "cpus:24;mem:24576").withTaskDuration(Duration.ofDays(1)));
                HttpReactor schedulerHttp = new HttpReactor("bench-scheduler-http", Duration.ofSeconds(60))) {
            Nodes.awaitMetrics(http, master, agents, 0, WAIT);
            System.out.printf("%d simulated agents of cpus:24;mem:24576, %d schedulers wanting %d tasks of <1 cpu,"
                    + " 1024 MB> each (%d lanes each); %s%n", agents, frameworks, wants, lanes, Nodes.loadAverage());
            List<Double> millis = new ArrayList<>();
            List<Double> fairness = new ArrayList<>();
            for (int round = -warmup; round < rounds; round++) {
                List<BatchScheduler> schedulers = new ArrayList<>();
                try {
                    for (int f = 0; f < frameworks; f++) {
                        schedulers.add(BatchScheduler.longRunning("fill" + (round + 100) + "f" + f, wants, 1, 1024,
                                lanes, 32));
                    }
                    // all there before anyone is offered anything, as the peer's apps: subscribed suppressed,
                    // then revived in one burst (the master allocates every 100 ms; a burst split by a cycle
                    // shows as unfairness below)
                    for (BatchScheduler s : schedulers) {
                        s.subscribe(schedulerHttp, address, "fill", true);
                    }
                    for (BatchScheduler s : schedulers) {
                        s.warmUp().get(30, TimeUnit.SECONDS);
                    }
                    schedulers.forEach(BatchScheduler::revive);
                    awaitPlaced(schedulers, slots);
                    long first = schedulers.stream().mapToLong(BatchScheduler::firstAcceptNanos).filter(t -> t > 0)
                            .min().orElse(0);
                    long last = schedulers.stream().mapToLong(BatchScheduler::lastFinishedNanos).max().orElse(0);
                    double ms = (last - first) / 1e6;
                    long most = schedulers.stream().mapToLong(BatchScheduler::done).max().orElse(0);
                    long least = schedulers.stream().mapToLong(BatchScheduler::done).min().orElse(0);
                    double ratio = least == 0 ? Double.POSITIVE_INFINITY : most / (double) least;
                    System.out.printf("%s round %d: %d tasks RUNNING in %.1f ms = %.0f tasks/s; tasks per framework"
                            + " %d..%d (max/min share %.3f); accepts %d, refused calls %d; %s%n",
                            round < 0 ? "warm-up" : "measured", round, slots, ms, slots / (ms / 1000), least, most,
                            ratio, schedulers.stream().mapToLong(BatchScheduler::acceptsSent).sum(),
                            schedulers.stream().mapToLong(BatchScheduler::callsRefused).sum(), Nodes.loadAverage());
                    if (round >= 0) {
                        millis.add(ms);
                        fairness.add(ratio);
                    }
                } finally {
                    schedulers.forEach(BatchScheduler::close); // TEARDOWN: the master kills the round's tasks
                }
                Nodes.awaitMetrics(http, master, agents, 0, WAIT);
            }
            System.out.printf("RESULT http-fill %dx%d: round %s, %.0f tasks/s at the median; max/min share %s%n",
                    agents, frameworks, Figures.of(millis).format("ms"), slots / (Figures.of(millis).median() / 1000),
                    Figures.of(fairness).format2(""));
        }
    }

    /** Until the schedulers together count {@code slots} tasks RUNNING (they never get more: the cluster is full). */
    private static void awaitPlaced(List<BatchScheduler> schedulers, int slots) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long placed = 0;
        while (System.nanoTime() < deadline) {
            placed = schedulers.stream().mapToLong(BatchScheduler::done).sum();
            if (placed >= slots) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5); // polling counters the schedulers' I/O thread updates
        }
        throw new IllegalStateException("only " + placed + " of " + slots + " tasks RUNNING within " + WAIT);
    }
}
