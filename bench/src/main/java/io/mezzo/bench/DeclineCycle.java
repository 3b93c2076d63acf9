package io.mezzo.bench;

import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.Grant;
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
 * The busy end of the DeclineOffers shape: nobody has declined anything yet, so one round offers
 * every agent ({@code cpus:24;mem:4096;disk:4096;ports:[31000-32000]} with
 * {@code cpus:16;mem:2014;disk:1024} in use), and every framework declines what it got with a
 * long refuse filter. Measured: the policy's round plus the master's book-keeping of all those
 * grants and declines on the ledger (allocate, recover, refuse); the steady state after it is
 * {@link AllocationRound}. Single shot, because the cycle changes the state it runs on: the
 * ledger is rebuilt before each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
// single shot: each iteration is one call, so it takes many before the JIT has compiled the cycle
@Warmup(iterations = 20)
@Measurement(iterations = 20)
public class DeclineCycle {

    /** agents x frameworks */
    @Param({"10000x1000", "50000x1000", "10000x3000"})
    public String cluster;

    @Param({"drf"})
    public String policy;

    private AllocationLedger ledger;
    private AllocationPolicy allocator;

    @Setup(Level.Iteration)
    public void nobodyDeclinedYet() {
        String[] size = cluster.split("x");
        int agents = Integer.parseInt(size[0]);
        int frameworks = Integer.parseInt(size[1]);
        allocator = AllocationRound.policy(policy);
        ledger = new AllocationLedger();
        for (int f = 0; f < frameworks; f++) {
            ledger.addFramework(AllocationRound.frameworkId(f), List.of("role"));
        }
        for (int a = 0; a < agents; a++) {
            ledger.addAgent(AllocationRound.agentId(a), AllocationRound.AGENT, Map.of(), Map.of());
            ledger.allocate(new Grant(AllocationRound.frameworkId(a % frameworks), AllocationRound.agentId(a), "role",
                    AllocationRound.USED, false));
        }
    }

    @Benchmark
    public int offerAndDecline() {
        List<Grant> grants = allocator.allocate(ledger);
        long until = AllocationRound.NOW + TimeUnit.HOURS.toMillis(1);
        for (Grant grant : grants) {
            ledger.allocate(grant);
            ledger.recover(grant.frameworkId(), grant.agentId(), grant.role(), grant.resources(), grant.reserved());
            ledger.refuse(grant.frameworkId(), grant.agentId(), until);
        }
        return grants.size();
    }
}
