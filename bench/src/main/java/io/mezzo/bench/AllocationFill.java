package io.mezzo.bench;

import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * POLICY ONLY: the decision part of issue 9's fill round (the peer's YARN scenario A). N empty
 * agents of {@code cpus:24;mem:24576}, M frameworks in one role whose tasks are
 * {@code <1 cpu, 1024 MB>}; one call of the policy decides how the whole empty cluster
 * (N × 24 tasks) is split. Not measured here: the master's offer book-keeping, ACCEPT validation,
 * task accounting and the frameworks themselves; that is the master-side benchmark to come.
 *
 * <p>Secondary results (JMH aux counters): {@code tasks} placed per round, the most and fewest
 * tasks any framework got ({@code maxTasks}, {@code minTasks}; a framework's dominant share is
 * its tasks / (N × 24), as a task is 1/24 of an agent's cpus and memory alike) and the ratio of
 * the largest to the smallest dominant share ({@code maxOverMinShare}). DRF must keep
 * {@code maxTasks - minTasks <= 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllocationFill {

    static final Quantities AGENT = Quantities.parse("cpus:24;mem:24576");
    static final Quantities TASK = Quantities.parse("cpus:1;mem:1024");

    /** agents x frameworks */
    @Param({"1000x100", "1000x1000", "10000x100", "10000x1000"})
    public String cluster;

    @Param({"drf"})
    public String policy;

    private AllocationLedger ledger;
    private AllocationPolicy allocator;
    private int frameworks;

    /** What one round achieved, reported beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcome {
        public long tasks;
        public long maxTasks;
        public long minTasks;
        public double maxOverMinShare;
    }

    @Setup(Level.Trial)
    public void emptyCluster() {
        String[] size = cluster.split("x");
        int agents = Integer.parseInt(size[0]);
        frameworks = Integer.parseInt(size[1]);
        allocator = AllocationRound.policy(policy);
        ledger = new AllocationLedger();
        for (int a = 0; a < agents; a++) {
            ledger.addAgent(AllocationRound.agentId(a), AGENT, Map.of(), Map.of());
        }
        for (int f = 0; f < frameworks; f++) {
            String id = AllocationRound.frameworkId(f);
            ledger.addFramework(id, List.of("batch"));
            ledger.setTaskShape(id, TASK);
        }
    }

    @Benchmark
    public List<Grant> fillEmptyCluster(Outcome outcome) {
        List<Grant> grants = allocator.allocate(ledger);
        record(grants, outcome);
        return grants;
    }

    // O(grants + frameworks), small beside the round itself; kept in the measured method because
    // JMH reads aux counters only from there
    private void record(List<Grant> grants, Outcome outcome) {
        long[] tasks = new long[frameworks];
        long total = 0;
        for (Grant grant : grants) {
            long fit = grant.resources().fits(TASK);
            tasks[Integer.parseInt(grant.frameworkId().substring("framework-".length()))] += fit;
            total += fit;
        }
        long max = 0;
        long min = Long.MAX_VALUE;
        for (long t : tasks) {
            max = Math.max(max, t);
            min = Math.min(min, t);
        }
        outcome.tasks = total;
        outcome.maxTasks = max;
        outcome.minTasks = min;
        // shares are tasks / (N × 24) for every framework, so their ratio is the ratio of task counts
        outcome.maxOverMinShare = min == 0 ? Double.POSITIVE_INFINITY : max / (double) min;
    }
}
