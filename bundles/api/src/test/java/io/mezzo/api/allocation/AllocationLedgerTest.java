package io.mezzo.api.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AllocationLedgerTest {

    private final AllocationLedger ledger = new AllocationLedger();

    @BeforeEach
    void twoAgentsTwoFrameworks() {
        ledger.addAgent("a1", Quantities.parse("cpus:4;mem:4096"), Map.of("db", Quantities.parse("cpus:2")), Map.of("rack", "r1"));
        ledger.addAgent("a2", Quantities.parse("cpus:4;mem:4096"), Map.of(), Map.of());
        ledger.addFramework("f", List.of("web"));
        ledger.addFramework("g", List.of("db", "web"));
    }

    @Test
    void keepsTotalsAndRoleSharesAsAgentsComeAndGo() {
        assertThat(ledger.total()).isEqualTo(Quantities.parse("cpus:10;mem:8192"));
        // reservations count toward the role whether used or not
        assertThat(ledger.role("db").allocated()).isEqualTo(Quantities.parse("cpus:2"));

        ledger.removeAgent("a1");

        assertThat(ledger.total()).isEqualTo(Quantities.parse("cpus:4;mem:4096"));
        assertThat(ledger.role("db").allocated()).isEqualTo(Quantities.EMPTY);
    }

    @Test
    void booksGrantsAndRecoveries() {
        long before = ledger.generation();
        ledger.allocate(new Grant("f", "a1", "web", Quantities.parse("cpus:1.5;mem:1024"), false));
        ledger.allocate(new Grant("g", "a1", "db", Quantities.parse("cpus:2"), true));

        AgentView a1 = ledger.agent("a1");
        assertThat(a1.free()).isEqualTo(Quantities.parse("cpus:2.5;mem:3072"));
        assertThat(a1.reservedFree()).isEmpty();
        assertThat(ledger.framework("f").allocated("web")).isEqualTo(Quantities.parse("cpus:1.5;mem:1024"));
        assertThat(ledger.framework("f").allocations()).isEqualTo(1);
        assertThat(ledger.role("web").allocated()).isEqualTo(Quantities.parse("cpus:1.5;mem:1024"));
        // the reserved grant does not count twice: the reservation already counts for db
        assertThat(ledger.role("db").allocated()).isEqualTo(Quantities.parse("cpus:2"));
        assertThat(ledger.generation()).isGreaterThan(before);

        ledger.recover("f", "a1", "web", Quantities.parse("cpus:1.5;mem:1024"), false);
        ledger.recover("g", "a1", "db", Quantities.parse("cpus:2"), true);

        assertThat(a1.free()).isEqualTo(Quantities.parse("cpus:4;mem:4096"));
        assertThat(a1.reservedFree()).containsEntry("db", Quantities.parse("cpus:2"));
        assertThat(ledger.framework("f").allocated("web")).isEqualTo(Quantities.EMPTY);
    }

    @Test
    void refusesOverdraftsAndDoubleRecoveries() {
        assertThatThrownBy(() -> ledger.allocate(new Grant("f", "a2", "web", Quantities.parse("cpus:5"), false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.allocate(new Grant("f", "a1", "db", Quantities.parse("cpus:1"), true)))
                .as("f is not in db").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.recover("f", "a2", "web", Quantities.parse("cpus:1"), false))
                .isInstanceOf(IllegalArgumentException.class);
        ledger.allocate(new Grant("f", "a2", "web", Quantities.parse("cpus:1"), false));
        assertThatThrownBy(() -> ledger.removeAgent("a2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.removeFramework("f")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refuseFiltersLastUntilTheirTimeAndRevivesClearThem() {
        ledger.refuse("f", "a1", 5_000);
        int f = ledger.framework("f").slot();
        assertThat(ledger.agent("a1").refusers().contains(f)).isTrue();

        assertThat(ledger.expireFilters(4_999)).isZero();
        assertThat(ledger.expireFilters(5_000)).isEqualTo(1);
        assertThat(ledger.agent("a1").refusers().contains(f)).isFalse();

        ledger.refuse("f", "a2", 5_000);
        ledger.revive("f");
        assertThat(ledger.agent("a2").refusers().contains(f)).isFalse();
        // a new filter after the revive is not cleared by the stale entry of the old one
        ledger.refuse("f", "a2", 9_000);
        assertThat(ledger.expireFilters(5_000)).isZero();
        assertThat(ledger.agent("a2").refusers().contains(f)).isTrue();
        assertThat(ledger.expireFilters(9_000)).isEqualTo(1);
    }

    @Test
    void aRenewedFilterLastsUntilItsLatestExpiry() {
        int f = ledger.framework("f").slot();
        ledger.refuse("f", "a1", 10_000);
        ledger.refuse("f", "a1", 5_000);

        ledger.expireFilters(5_000);
        assertThat(ledger.agent("a1").refusers().contains(f)).isTrue();
        ledger.expireFilters(10_000);
        assertThat(ledger.agent("a1").refusers().contains(f)).isFalse();
    }

    @Test
    void filtersOfALeavingFrameworkDoNotFollowTheNextOneIntoItsSlot() {
        ledger.refuse("f", "a1", 5_000);
        int slot = ledger.framework("f").slot();
        ledger.removeFramework("f");
        ledger.addFramework("h", List.of("web"));

        assertThat(ledger.framework("h").slot()).isEqualTo(slot);
        assertThat(ledger.agent("a1").refusers().contains(slot)).isFalse();
        ledger.refuse("h", "a1", 9_000);
        ledger.expireFilters(5_000);
        assertThat(ledger.agent("a1").refusers().contains(slot)).isTrue();
    }

    @Test
    void suppressionIsPerRoleAndReviveLiftsIt() {
        int g = ledger.framework("g").slot();
        ledger.suppress("g", "db");

        assertThat(ledger.role("db").wanting().contains(g)).isFalse();
        assertThat(ledger.role("web").wanting().contains(g)).isTrue();
        assertThat(ledger.wanting().contains(g)).isTrue();

        ledger.suppress("g");
        assertThat(ledger.wanting().contains(g)).isFalse();

        ledger.revive("g");
        assertThat(ledger.role("db").wanting().contains(g)).isTrue();
        assertThat(ledger.wanting().contains(g)).isTrue();
    }

    @Test
    void weightsDefaultToOne() {
        assertThat(ledger.role("web").weight()).isEqualTo(1.0);
        ledger.setWeight("web", 2.5);
        assertThat(ledger.role("web").weight()).isEqualTo(2.5);
    }

    @Test
    void tracksWhichAgentsAreWorthALook() {
        SlotSet offerable = ledger.offerableAgents();
        int a1 = ledger.agent("a1").slot();
        int a2 = ledger.agent("a2").slot();
        assertThat(offerable.contains(a1)).isTrue();
        assertThat(offerable.contains(a2)).isTrue();

        ledger.refuse("f", "a2", 5_000);
        assertThat(offerable.contains(a2)).as("g still takes a2").isTrue();
        ledger.refuse("g", "a2", 5_000);
        assertThat(offerable.contains(a2)).as("everyone refuses a2").isFalse();
        ledger.expireFilters(5_000);
        assertThat(offerable.contains(a2)).isTrue();

        ledger.allocate(new Grant("f", "a2", "web", Quantities.parse("cpus:3.995;mem:4070"), false));
        assertThat(offerable.contains(a2)).as("0.005 cpus and 26 MB left: below the minimum").isFalse();
        ledger.recover("f", "a2", "web", Quantities.parse("cpus:1"), false);
        assertThat(offerable.contains(a2)).isTrue();

        // a1 keeps its bit through its db reservation as long as g wants db
        ledger.allocate(new Grant("f", "a1", "web", Quantities.parse("cpus:4;mem:4096"), false));
        assertThat(offerable.contains(a1)).isTrue();
        ledger.suppress("g", "db");
        assertThat(offerable.contains(a1)).isFalse();
        ledger.revive("g");
        assertThat(offerable.contains(a1)).isTrue();
    }

    @Test
    void aDeactivatedAgentIsNeverOfferableButKeepsItsAllocations() {
        ledger.allocate(new Grant("f", "a2", "web", Quantities.parse("cpus:1"), false));
        int a2 = ledger.agent("a2").slot();
        assertThat(ledger.offerableAgents().contains(a2)).isTrue();

        ledger.deactivateAgent("a2");
        ledger.recover("f", "a2", "web", Quantities.parse("cpus:1"), false);

        // still in the total and its tasks' resources still counted; just not offered
        assertThat(ledger.offerableAgents().contains(a2)).isFalse();
        assertThat(ledger.total()).isEqualTo(Quantities.parse("cpus:10;mem:8192"));

        ledger.activateAgent("a2");

        assertThat(ledger.offerableAgents().contains(a2)).isTrue();
    }
}
