package io.mezzo.bench.fill;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8, benchmark 2: Mesos' {@code MultiFrameworkAllocations} workload
 * ({@code hierarchical_allocator_benchmarks.cpp}) through Mezzo's real master core in process, as
 * {@link MasterFill} runs it: 80 agents of 64 cpus / 488,000 MB; 4 frameworks × 4,000 tasks of
 * <0.07 cpu, 400 MB> (at most 100 per offer), 500 frameworks × 5 tasks of <0.1 cpu, 4,000 MB>
 * (one per offer), 50 frameworks × 20 tasks of <1 cpu, 1,000 MB> (at most 5 per offer). A round
 * is the wall time from an empty cluster until all 19,500 tasks are launched: allocation cycles
 * ({@code drf}), OFFERS, and one ACCEPT per offer with what the framework takes of it (the rest
 * goes back unrefused, for the next cycle).
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar io.mezzo.bench.fill.MultiFrameworkAllocations
 *    [--warmup W] [--rounds R]</pre>
 */
public final class MultiFrameworkAllocations {
    static final List<MasterFill.Profile> PROFILES = List.of(
            new MasterFill.Profile(4, 4_000, "cpus:0.07;mem:400", 100),
            new MasterFill.Profile(500, 5, "cpus:0.1;mem:4000", 1),
            new MasterFill.Profile(50, 20, "cpus:1;mem:1000", 5));
    static final long TASKS = 4L * 4_000 + 500 * 5 + 50 * 20;

    private MultiFrameworkAllocations() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int warmup = 5;
        int rounds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        MasterFill bench = new MasterFill(80, "cpus:64;mem:488000", PROFILES, TASKS);
        List<Double> millis = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            System.gc();
            MasterFill.Round round = bench.round();
            if (round.tasks() != TASKS) {
                throw new IllegalStateException(round.tasks() + " tasks launched, not " + TASKS);
            }
            System.out.printf("  %s round %d: %.1f ms, %d tasks, %d cycles, %d accepts%n",
                    r < warmup ? "warm-up " : "measured", r, round.millis(), round.tasks(), round.cycles(),
                    round.accepts());
            if (r >= warmup) {
                millis.add(round.millis());
            }
            bench.endAllTasks();
        }
        double[] ms = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        System.out.printf("RESULT multi-framework-allocations agents=80 frameworks=554 tasks=%d rounds=%d median_ms=%.1f"
                + " min_ms=%.1f max_ms=%.1f%n", TASKS, ms.length, median, ms[0], ms[ms.length - 1]);
    }
}
