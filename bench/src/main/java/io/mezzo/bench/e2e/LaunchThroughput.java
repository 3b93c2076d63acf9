package io.mezzo.bench.e2e;

import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.sim.BatchScheduler;
import io.mezzo.bench.sim.Distribution;
import io.mezzo.bench.sim.SimulatedCluster;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 8 #3: end-to-end launch throughput through the real HTTP API (protobuf). A real master
 * (started from a distribution, or given by URL), N simulated agents, S schedulers that each
 * launch T/S tasks in batches (every offer filled with as many tasks as fit) and acknowledge every
 * update. A run measures from the first ACCEPT to the last acknowledged TASK_FINISHED.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mezzo.bench.e2e.LaunchThroughput \
 *     --dist karaf-assembly/target/assembly --agents 1000 --schedulers 4 --tasks 40000 --runs 5
 * </pre>
 */
public final class LaunchThroughput {
    private LaunchThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        int agents = o.getInt("agents", 1000);
        String resources = o.get("agent-resources", "cpus:32;mem:32768");
        int schedulers = o.getInt("schedulers", 4);
        int tasks = o.getInt("tasks", 40_000);
        double cpus = o.getDouble("task-cpus", 1);
        double mem = o.getDouble("task-mem", 128);
        int runs = o.getInt("runs", 5);
        int warmup = o.getInt("warmup", 1);
        Duration taskDuration = Duration.ofMillis(o.getInt("task-duration-ms", 0));
        Duration runTimeout = Duration.ofSeconds(o.getInt("run-timeout-s", 300));

        Distribution dist = null;
        URI master;
        if (o.has("master")) {
            master = URI.create(o.get("master", null));
        } else {
            dist = Distribution.start(Path.of(o.get("dist", "karaf-assembly/target/assembly")),
                    o.getInt("port", 45050), o.get("heap", "2g"),
                    o.has("real-agent") ? Map.of() // issue 8 #4: the node's own agent runs the tasks
                            : Map.of("MEZZO_ROLES", "master", "MEZZO_AGENT_RESOURCES", "cpus:0.001;mem:1"),
                    Duration.ofSeconds(120));
            master = dist.master();
            System.out.printf("started distribution pid %d at %s%n", dist.pid(), master);
        }
        int schedulerLanes = o.getInt("scheduler-lanes", 4);
        int schedulerDepth = o.getInt("scheduler-depth", 32);
        try (SimulatedCluster cluster = SimulatedCluster.start(master,
                SimulatedCluster.Settings.of(agents, resources).withTaskDuration(taskDuration)
                        .withCalls(o.getInt("agent-lanes", 4), o.getInt("agent-depth", 16)));
                HttpReactor schedulerHttp = new HttpReactor("bench-scheduler-http", Duration.ofSeconds(30))) {
            System.out.printf("%d simulated agents of %s subscribed; %d schedulers x %d tasks of <%s cpus, %s MB>,"
                    + " task duration %d ms%n", agents, resources, schedulers, tasks / schedulers, cpus, mem,
                    taskDuration.toMillis());
            System.out.printf("calls: agents %d lanes x depth %d, each scheduler %d lanes x depth %d%n",
                    o.getInt("agent-lanes", 4), o.getInt("agent-depth", 16), schedulerLanes, schedulerDepth);
            InetSocketAddress address = new InetSocketAddress(master.getHost(), master.getPort());
            long masterPid = dist != null ? dist.pid() : o.getInt("master-pid", -1);
            List<Double> rates = new ArrayList<>();
            List<Double> masterCpu = new ArrayList<>();
            List<Double> benchCpu = new ArrayList<>();
            for (int run = -warmup; run < runs; run++) {
                Outcome outcome = oneRun(new Run(schedulerHttp, address, run, schedulers, tasks / schedulers, cpus,
                        mem, schedulerLanes, schedulerDepth, runTimeout, masterPid), cluster);
                if (run >= 0 && outcome.rate() > 0) {
                    rates.add(outcome.rate());
                    if (outcome.masterCpuMicros() >= 0) {
                        masterCpu.add(outcome.masterCpuMicros());
                    }
                    benchCpu.add(outcome.benchCpuMicros());
                }
            }
            System.out.printf("RESULT launch agents=%d schedulers=%d tasks=%d tasks/s %s samples=%s%n", agents,
                    schedulers, tasks, Figures.of(rates).format("tasks/s"), Figures.list(rates));
            System.out.printf("RESULT cpu per task: master %s, benchmark JVM %s%n",
                    masterCpu.isEmpty() ? "unknown (give --master-pid)" : Figures.of(masterCpu).format("us"),
                    Figures.of(benchCpu).format("us"));
        } finally {
            if (dist != null) {
                dist.close();
            }
        }
    }

    /** One measured (or warm-up) run's shape; {@code masterPid} -1 if unknown. */
    private record Run(HttpReactor http, InetSocketAddress master, int run, int schedulers, int perScheduler,
            double cpus, double mem, int lanes, int depth, Duration timeout, long masterPid) {
    }

    /**
     * A run's throughput, and the CPU time each JVM spent per task during it (user + system, from
     * the OS): unlike tasks/s, CPU per task hardly depends on what else the machine runs.
     */
    private record Outcome(double rate, double masterCpuMicros, double benchCpuMicros) {
    }

    /** CPU time the process has used so far, in nanoseconds; -1 if the OS does not say. */
    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    private static Outcome oneRun(Run r, SimulatedCluster cluster) throws Exception {
        int run = r.run();
        int schedulers = r.schedulers();
        int perScheduler = r.perScheduler();
        Duration timeout = r.timeout();
        List<BatchScheduler> frameworks = new ArrayList<>();
        for (int s = 0; s < schedulers; s++) {
            frameworks.add(new BatchScheduler("r" + (run + 100) + "s" + s, perScheduler, r.cpus(), r.mem(), r.lanes(),
                    r.depth()));
        }
        long resentBefore = cluster.updatesResent();
        long updatesBefore = cluster.updatesSent();
        long updateCallsBefore = cluster.updateCalls();
        long masterCpuBefore = r.masterPid() < 0 ? -1 : cpuNanos(r.masterPid());
        long benchCpuBefore = cpuNanos(ProcessHandle.current().pid());
        try {
            for (BatchScheduler f : frameworks) {
                f.subscribe(r.http(), r.master(), "bench");
            }
            boolean complete = true;
            for (BatchScheduler f : frameworks) {
                complete &= f.await(timeout);
            }
            long first = frameworks.stream().mapToLong(BatchScheduler::firstAcceptNanos).min().orElse(0);
            long last = frameworks.stream().mapToLong(BatchScheduler::lastFinishedNanos).max().orElse(0);
            double seconds = (last - first) / 1e9;
            long total = (long) perScheduler * schedulers;
            double rate = complete ? total / seconds : 0;
            long masterCpu = masterCpuBefore < 0 ? -1 : cpuNanos(r.masterPid()) - masterCpuBefore;
            long benchCpu = cpuNanos(ProcessHandle.current().pid()) - benchCpuBefore;
            double masterMicros = masterCpu < 0 ? -1 : masterCpu / 1000.0 / total;
            double benchMicros = benchCpu / 1000.0 / total;
            System.out.printf("%s run %d: %d tasks in %.2f s = %.0f tasks/s; CPU per task: master %.0f us, benchmark"
                    + " %.0f us; accepts %d, updates %d, refused calls %d, unexpected states %d, agent resends %d,"
                    + " agent updates/call %.1f, agent call failures %d/%d refused, disconnects %d%s%s%n",
                    run < 0 ? "warm-up" : "measured", run, total, seconds, rate, masterMicros, benchMicros,
                    frameworks.stream().mapToLong(BatchScheduler::acceptsSent).sum(),
                    frameworks.stream().mapToLong(BatchScheduler::updatesReceived).sum(),
                    frameworks.stream().mapToLong(BatchScheduler::callsRefused).sum(),
                    frameworks.stream().mapToLong(BatchScheduler::unexpectedStates).sum(),
                    cluster.updatesResent() - resentBefore, (cluster.updatesSent() - updatesBefore)
                            / (double) Math.max(1, cluster.updateCalls() - updateCallsBefore),
                    cluster.callsFailed(), cluster.callsRefused(),
                    cluster.disconnects(), cluster.lastFailure().isEmpty() ? "" : " (" + cluster.lastFailure() + ")",
                    complete ? "" : " INCOMPLETE: "
                            + frameworks.stream().mapToLong(BatchScheduler::remaining).sum() + " tasks not finished");
            return new Outcome(rate, masterMicros, benchMicros);
        } finally {
            frameworks.forEach(BatchScheduler::close);
        }
    }
}
