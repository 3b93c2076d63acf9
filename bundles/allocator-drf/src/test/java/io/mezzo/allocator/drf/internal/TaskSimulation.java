package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Frameworks that launch as many tasks of their shape as each offer holds and decline the rest,
 * round after round, with the master's bookkeeping done on a ledger. Tasks never end.
 */
final class TaskSimulation {

    private final AllocationLedger ledger;
    private final AllocationPolicy policy;
    private final Map<String, Quantities> shapes = new TreeMap<>();
    final Map<String, Long> tasks = new TreeMap<>();

    TaskSimulation(AllocationLedger ledger, AllocationPolicy policy) {
        this.ledger = ledger;
        this.policy = policy;
    }

    TaskSimulation framework(String id, String role, String shape) {
        ledger.addFramework(id, List.of(role));
        shapes.put(id, Quantities.parse(shape));
        ledger.setTaskShape(id, shapes.get(id));
        tasks.put(id, 0L);
        return this;
    }

    /** Runs rounds until one launches nothing; returns how many rounds launched something. */
    int runUntilQuiet() {
        int rounds = 0;
        while (round() > 0) {
            rounds++;
        }
        return rounds;
    }

    long round() {
        long launched = 0;
        for (Grant grant : policy.allocate(ledger)) {
            ledger.allocate(grant);
            Quantities shape = shapes.get(grant.frameworkId());
            long fit = grant.resources().fits(shape);
            Quantities unused = grant.resources().minus(shape.times(fit));
            if (!unused.isEmpty()) {
                ledger.recover(grant.frameworkId(), grant.agentId(), grant.role(), unused, grant.reserved());
            }
            tasks.merge(grant.frameworkId(), fit, Long::sum);
            launched += fit;
        }
        return launched;
    }
}
