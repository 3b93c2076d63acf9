package io.mezzo.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.master.AllocationCycleStats;
import io.mezzo.api.master.AllocatorControl;
import io.mezzo.api.master.PolicyInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyTablesTest {

    @Test
    void listsPoliciesByNameAndMarksTheActiveOne() {
        Table table = PolicyTables.policies(new FixedAllocator("binpack", Optional.empty()));
        assertThat(table.column("POLICY")).containsExactly("binpack", "drf");
        assertThat(table.column("ACTIVE")).containsExactly("yes", "");
        assertThat(table.column("BUNDLE")).containsExactly("io.mezzo.allocator-binpack [61]", "io.mezzo.allocator-drf [60]");
    }

    @Test
    void saysWhyItFellBack() {
        AllocatorControl fellBack = new FixedAllocator("drf", Optional.of("policy 'binpack' is not registered"));
        assertThat(PolicyTables.fallbackLine(fellBack)).isEqualTo("Fallback: policy 'binpack' is not registered");
        assertThat(PolicyTables.fallbackLine(new FixedAllocator("drf", Optional.empty()))).isEmpty();
    }

    /** A test double of the master's allocator: two policies, one active. */
    private record FixedAllocator(String active, Optional<String> fallback) implements AllocatorControl {
        @Override
        public Optional<String> activePolicy() {
            return Optional.of(active);
        }

        @Override
        public String requestedPolicy() {
            return active;
        }

        @Override
        public List<PolicyInfo> availablePolicies() {
            return List.of(new PolicyInfo("drf", 60, "io.mezzo.allocator-drf", "0.1.0", active.equals("drf")),
                    new PolicyInfo("binpack", 61, "io.mezzo.allocator-binpack", "0.1.0", active.equals("binpack")));
        }

        @Override
        public void setPolicy(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> fallbackReason() {
            return fallback;
        }

        @Override
        public AllocationCycleStats cycleStats() {
            return new AllocationCycleStats(0, 0, 0, 0, 0);
        }

        @Override
        public java.time.Duration allocationInterval() {
            return java.time.Duration.ofSeconds(1);
        }
    }
}
