package io.mezzo.allocator.drf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.DominantShare;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchicalDrfTest {

    private final AllocationLedger ledger = new AllocationLedger();
    private final DrfPolicy drf = new DrfPolicy();

    @Test
    void drfPaperExample() {
        // 9 CPUs, 18 GB. Per task A = <1 CPU, 4 GB>, B = <3 CPUs, 1 GB>.
        // task shares: A = max(1/9, 4/18) = .222 (memory), B = max(3/9, 1/18) = .333 (cpu)
        // filling: A .222, B .333, A .444, B .667, A .667 -> 9 cpus, 14 GB used; no task fits any more
        ledger.addAgent("node", Quantities.parse("cpus:9;mem:18432"), Map.of(), Map.of());
        TaskSimulation cluster = new TaskSimulation(ledger, drf)
                .framework("A", "paper", "cpus:1;mem:4096")
                .framework("B", "paper", "cpus:3;mem:1024");

        cluster.runUntilQuiet();

        assertThat(cluster.tasks).containsEntry("A", 3L).containsEntry("B", 2L);
        assertThat(ledger.agent("node").free()).isEqualTo(Quantities.parse("mem:4096"));
    }

    @Test
    void offersToTheLowestDominantShareFirst() {
        // total cpus 20, mem 20000 MB
        ledger.addAgent("x1", Quantities.parse("cpus:1.5;mem:1300"), Map.of(), Map.of());
        ledger.addAgent("x2", Quantities.parse("cpus:18.5;mem:18700"), Map.of(), Map.of());
        ledger.addFramework("a", List.of("r"));
        ledger.addFramework("b", List.of("r"));
        ledger.allocate(new Grant("a", "x1", "r", Quantities.parse("cpus:1;mem:100"), false));
        ledger.allocate(new Grant("b", "x1", "r", Quantities.parse("cpus:0.5;mem:1200"), false));
        // shares: a = max(1/20, 100/20000) = .05, b = max(.5/20, 1200/20000) = .06
        assertThat(DominantShare.of(ledger.framework("a").allocated("r"), ledger.total())).isEqualTo(0.05);
        assertThat(DominantShare.of(ledger.framework("b").allocated("r"), ledger.total())).isEqualTo(0.06);

        List<Grant> grants = drf.allocate(ledger);

        assertThat(grants).containsExactly(new Grant("a", "x2", "r", Quantities.parse("cpus:18.5;mem:18700"), false));
    }

    @Test
    void givesWholeAgentsInTurnToFrameworksWithoutATaskShape() {
        // Mesos mode: each agent goes whole to the then-lowest framework: a, b, a, b
        for (int i = 1; i <= 4; i++) {
            ledger.addAgent("x" + i, Quantities.parse("cpus:4;mem:4096"), Map.of(), Map.of());
        }
        ledger.addFramework("a", List.of("r"));
        ledger.addFramework("b", List.of("r"));

        assertThat(drf.allocate(ledger)).extracting(Grant::frameworkId, Grant::agentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "x1"), org.assertj.core.groups.Tuple.tuple("b", "x2"),
                org.assertj.core.groups.Tuple.tuple("a", "x3"), org.assertj.core.groups.Tuple.tuple("b", "x4"));
    }

    @Test
    void breaksTiesByFewerAllocationsThenName() {
        ledger.addAgent("x1", Quantities.parse("cpus:4;mem:4096"), Map.of(), Map.of());
        ledger.addFramework("a", List.of("r"));
        ledger.addFramework("b", List.of("r"));
        // a was offered something once and gave it back: share 0 again, but one allocation
        Grant earlier = new Grant("a", "x1", "r", Quantities.parse("cpus:1"), false);
        ledger.allocate(earlier);
        ledger.recover("a", "x1", "r", earlier.resources(), false);

        assertThat(drf.allocate(ledger)).extracting(Grant::frameworkId).containsExactly("b");

        ledger.addFramework("c", List.of("r"));
        ledger.allocate(new Grant("b", "x1", "r", Quantities.parse("cpus:1"), false));
        ledger.recover("b", "x1", "r", Quantities.parse("cpus:1"), false);
        ledger.addFramework("0", List.of("r"));
        // 0 and c: share 0, no allocations -> by name, "0" first
        assertThat(drf.allocate(ledger)).extracting(Grant::frameworkId).containsExactly("0");
    }

    @Test
    void weightedRolesGetSharesInProportionToTheirWeight() {
        // 12 cpus; 1-cpu tasks are 1/12 = .083 each. heavy (weight 2) counts half: it is served
        // until its share/2 passes light's share -> heavy 8 tasks (.667/2 = .333), light 4 (.333)
        ledger.addAgent("x1", Quantities.parse("cpus:12;mem:12288"), Map.of(), Map.of());
        ledger.setWeight("heavy", 2);
        TaskSimulation cluster = new TaskSimulation(ledger, drf)
                .framework("h", "heavy", "cpus:1;mem:1")
                .framework("l", "light", "cpus:1;mem:1");

        cluster.runUntilQuiet();

        assertThat(cluster.tasks).containsEntry("h", 8L).containsEntry("l", 4L);
    }

    @Test
    void isFairBetweenRolesFirstThenBetweenTheFrameworksOfARole() {
        // roles r1 (two frameworks) and r2 (one) split 12 cpus 6/6, then r1 splits 3/3.
        // Flat DRF over frameworks would give 4/4/4.
        ledger.addAgent("x1", Quantities.parse("cpus:12;mem:12288"), Map.of(), Map.of());
        TaskSimulation cluster = new TaskSimulation(ledger, drf)
                .framework("f1", "r1", "cpus:1;mem:1")
                .framework("f2", "r1", "cpus:1;mem:1")
                .framework("g", "r2", "cpus:1;mem:1");

        cluster.runUntilQuiet();

        assertThat(cluster.tasks).containsEntry("f1", 3L).containsEntry("f2", 3L).containsEntry("g", 6L);
    }

    @Test
    void reservationsCountTowardTheirRolesShare() {
        // total 12 cpus, 6 of them reserved for db: db's share starts at 6/12 = .5 whether used or not.
        // The 6 unreserved cpus all go to web: its share climbs 1/12 at a time and only reaches .5 at the 6th.
        ledger.addAgent("x1", Quantities.parse("cpus:6;mem:100000"), Map.of("db", Quantities.parse("cpus:6")), Map.of());
        TaskSimulation cluster = new TaskSimulation(ledger, drf)
                .framework("db", "db", "cpus:1;mem:100")
                .framework("web", "web", "cpus:1;mem:100");

        List<Grant> grants = drf.allocate(ledger);

        assertThat(grants).filteredOn(Grant::reserved)
                .containsExactly(new Grant("db", "x1", "db", Quantities.parse("cpus:6"), true));
        assertThat(grants).filteredOn(g -> !g.reserved())
                .containsExactly(new Grant("web", "x1", "web", Quantities.parse("cpus:6;mem:600"), false));
        assertThat(cluster.tasks).isNotNull();
    }

    @Test
    void keepsFrameworksWithinOneTaskOnLargeAgents() {
        // 3 agents x 24 slots of <1 cpu, 1 GB> = 72 tasks for 7 frameworks: 10 or 11 each, never 24 apart
        for (int i = 0; i < 3; i++) {
            ledger.addAgent("x" + i, Quantities.parse("cpus:24;mem:24576"), Map.of(), Map.of());
        }
        TaskSimulation cluster = new TaskSimulation(ledger, drf);
        for (int f = 0; f < 7; f++) {
            cluster.framework("f" + f, "batch", "cpus:1;mem:1024");
        }

        List<Grant> grants = drf.allocate(ledger);
        cluster.round();

        assertThat(cluster.tasks.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(72);
        assertThat(Collections.max(cluster.tasks.values()) - Collections.min(cluster.tasks.values())).isLessThanOrEqualTo(1);
        // each framework fills one agent at a time: a few slices each, not 10 single-task offers
        assertThat(grants.size()).isLessThanOrEqualTo(7 + 3 * 7);
    }

    @Test
    void offersAFrameworkInEachOfItsRoles() {
        ledger.addAgent("x1", Quantities.parse("cpus:2;mem:2048"), Map.of(), Map.of());
        ledger.addAgent("x2", Quantities.parse("cpus:2;mem:2048"), Map.of(), Map.of());
        ledger.addFramework("multi", List.of("r1", "r2"));

        assertThat(drf.allocate(ledger)).extracting(Grant::role).containsExactlyInAnyOrder("r1", "r2");
    }

    @Test
    void skipsAgentsEveryoneRefuses() {
        for (int i = 0; i < 10; i++) {
            ledger.addAgent("x" + i, Quantities.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]"), Map.of(), Map.of());
        }
        for (int f = 0; f < 3; f++) {
            ledger.addFramework("f" + f, List.of("r"));
            for (int i = 0; i < 10; i++) {
                ledger.refuse("f" + f, "x" + i, 5_000);
            }
        }
        assertThat(drf.allocate(ledger)).isEmpty();

        ledger.revive("f2");
        assertThat(drf.allocate(ledger)).extracting(Grant::frameworkId).containsOnly("f2").hasSize(10);
    }

    @Test
    void fillsIssue9sShapeWithinOneTaskInAboutOneGrantPerAgent() {
        // 100 agents x 24 = 2,400 slots of <1 cpu, 1 GB> for 7 frameworks: 2,400 / 7 = 342.86 -> 342 or 343 each
        for (int i = 0; i < 100; i++) {
            ledger.addAgent(String.format("x%03d", i), Quantities.parse("cpus:24;mem:24576"), Map.of(), Map.of());
        }
        TaskSimulation cluster = new TaskSimulation(ledger, drf);
        for (int f = 0; f < 7; f++) {
            cluster.framework("f" + f, "batch", "cpus:1;mem:1024");
        }

        int grants = drf.allocate(ledger).size();
        cluster.round();

        assertThat(cluster.tasks.values()).allSatisfy(tasks -> assertThat(tasks).isBetween(342L, 343L));
        // frameworks fill agents of their own; once fresh agents run out, the last few partly filled
        // agents are shared: 111 grants here, against 2,400 if every task were its own offer
        assertThat(grants).isLessThanOrEqualTo(100 + 2 * 7);
        assertThat(drf.allocate(ledger)).as("the cluster is full").isEmpty();
    }
}
