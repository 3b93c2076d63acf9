package io.mezzo.bench;

import io.mezzo.allocator.binpack.internal.BinpackPolicy;
import io.mezzo.allocator.drf.internal.DrfPolicy;
import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * One allocation round in the shape of Mesos' {@code DeclineOffers} benchmark
 * ({@code src/tests/hierarchical_allocator_benchmarks.cpp}): every agent is
 * {@code cpus:24;mem:4096;disk:4096;ports:[31000-32000]} with {@code cpus:16;mem:2014;disk:1024}
 * already allocated (to frameworks round-robin), so each still has something worth offering, and
 * every framework has declined every agent with a long refuse filter. A round must find that
 * nobody can be offered anything. Mesos' C++ allocator takes about 1 s for 10,000 × 1,000.
 *
 * <p>Measured: what the master does each allocation interval, expiring due filters on the ledger
 * (none are due) and asking the policy for grants. The ledger is the master's incrementally kept
 * view, built once; the round neither copies nor rebuilds it. Because the ledger keeps the set of
 * agents anyone could take up to date as DECLINEs arrive, this round is nearly free: the work has
 * moved to the DECLINEs themselves, which {@link DeclineCycle} measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllocationRound {

    static final Quantities AGENT = Quantities.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");
    static final Quantities USED = Quantities.parse("cpus:16;mem:2014;disk:1024");
    static final long NOW = 1_000_000L;

    /** agents x frameworks */
    @Param({"10000x1000", "50000x1000", "10000x3000"})
    public String cluster;

    @Param({"drf", "binpack"})
    public String policy;

    private AllocationLedger ledger;
    private AllocationPolicy allocator;

    @Setup(Level.Trial)
    public void everybodyDeclinedEverything() {
        String[] size = cluster.split("x");
        int agents = Integer.parseInt(size[0]);
        int frameworks = Integer.parseInt(size[1]);
        allocator = policy(policy);
        ledger = new AllocationLedger();
        for (int f = 0; f < frameworks; f++) {
            ledger.addFramework(frameworkId(f), List.of("role"));
        }
        for (int a = 0; a < agents; a++) {
            ledger.addAgent(agentId(a), AGENT, Map.of(), Map.of());
            ledger.allocate(new Grant(frameworkId(a % frameworks), agentId(a), "role", USED, false));
        }
        for (int f = 0; f < frameworks; f++) {
            for (int a = 0; a < agents; a++) {
                ledger.refuse(frameworkId(f), agentId(a), NOW + TimeUnit.HOURS.toMillis(1));
            }
        }
        if (!allocator.allocate(ledger).isEmpty()) {
            throw new IllegalStateException("declined agents were offered again");
        }
    }

    @Benchmark
    public List<Grant> round() {
        ledger.expireFilters(NOW);
        return allocator.allocate(ledger);
    }

    static AllocationPolicy policy(String name) {
        return switch (name) {
            case "drf" -> new DrfPolicy();
            case "binpack" -> new BinpackPolicy();
            default -> throw new IllegalArgumentException("no policy " + name);
        };
    }

    static String agentId(int a) {
        return "agent-" + a;
    }

    static String frameworkId(int f) {
        return String.format("framework-%05d", f);
    }
}
