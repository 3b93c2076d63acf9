package io.mezzo.allocator.binpack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.allocator.drf.internal.DrfPolicy;
import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FullestFirstPackerTest {

    private final AllocationLedger ledger = new AllocationLedger();
    private final BinpackPolicy binpack = new BinpackPolicy();

    @BeforeEach
    void threeAgentsOneHalfFull() {
        ledger.addAgent("empty-1", Quantities.parse("cpus:8;mem:8192"), Map.of(), Map.of());
        ledger.addAgent("half-full", Quantities.parse("cpus:8;mem:8192"), Map.of(), Map.of());
        ledger.addAgent("empty-2", Quantities.parse("cpus:8;mem:8192"), Map.of(), Map.of());
        ledger.addFramework("old", List.of("r"));
        ledger.allocate(new Grant("old", "half-full", "r", Quantities.parse("cpus:4;mem:4096"), false));
        ledger.suppress("old");
    }

    @Test
    void offersTheFullestAgentAndLeavesEmptyOnesWhole() {
        ledger.addFramework("new", List.of("r"));

        assertThat(binpack.allocate(ledger))
                .containsExactly(new Grant("new", "half-full", "r", Quantities.parse("cpus:4;mem:4096"), false));
    }

    @Test
    void placesDifferentlyFromDrf() {
        ledger.addFramework("new", List.of("r"));

        List<Grant> drf = new DrfPolicy().allocate(ledger);

        // DRF offers all free resources (all three agents); bin packing only the half-full one
        assertThat(drf).extracting(Grant::agentId).containsExactlyInAnyOrder("empty-1", "half-full", "empty-2");
        assertThat(binpack.allocate(ledger)).extracting(Grant::agentId).containsExactly("half-full");
    }

    @Test
    void packsTasksOntoTheFullestAgentThatFitsThem() {
        ledger.addFramework("a", List.of("r"));
        ledger.setTaskShape("a", Quantities.parse("cpus:1;mem:1024"));
        ledger.addFramework("b", List.of("r"));
        ledger.setTaskShape("b", Quantities.parse("cpus:4;mem:1024"));
        ledger.allocate(new Grant("a", "half-full", "r", Quantities.parse("cpus:1;mem:1024"), false));
        ledger.recover("a", "half-full", "r", Quantities.parse("cpus:1;mem:1024"), false);
        ledger.allocate(new Grant("b", "empty-2", "r", Quantities.parse("cpus:1"), false));

        List<Grant> grants = binpack.allocate(ledger);

        // shares: a = 0, b = 1/24 cpus = .042, so a goes first: 4 of its tasks fill half-full (fullness .5).
        // b then gets the next fullest, empty-2 (fullness 1/8), as one 4-cpu task; empty-1 stays whole
        assertThat(grants).containsExactly(
                new Grant("a", "half-full", "r", Quantities.parse("cpus:4;mem:4096"), false),
                new Grant("b", "empty-2", "r", Quantities.parse("cpus:4;mem:1024"), false));
    }
}
