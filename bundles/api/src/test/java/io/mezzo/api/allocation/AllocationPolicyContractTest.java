package io.mezzo.api.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link AllocationPolicy} keeps, run against each of them (as Mesos runs
 * {@code CommonSorterTest} against every sorter): a policy bundle's test extends this class and
 * says which policy to build. Placement and fairness are the policies' own business and are
 * tested next to them; here are only the rules no policy may break.
 */
public abstract class AllocationPolicyContractTest {

    /** A fresh instance of the policy under test. */
    protected abstract AllocationPolicy policy();

    private static final Quantities AGENT = Quantities.parse("cpus:4;mem:4096;disk:1024;ports:[31000-31099]");

    @Test
    void hasAName() {
        assertThat(policy().name()).isNotBlank();
    }

    @Test
    void offersNothingWhenThereIsNothing() {
        AllocationLedger empty = new AllocationLedger();
        assertThat(policy().allocate(empty)).isEmpty();
        empty.addFramework("f", List.of("r"));
        assertThat(policy().allocate(empty)).isEmpty();
    }

    @Test
    void offersAnIdleAgentToTheOnlyFramework() {
        AllocationLedger ledger = new AllocationLedger();
        ledger.addAgent("a1", AGENT, Map.of(), Map.of());
        ledger.addFramework("f", List.of("r"));

        List<Grant> grants = policy().allocate(ledger);

        assertValid(ledger, grants);
        assertThat(grants).extracting(Grant::frameworkId, Grant::agentId).contains(org.assertj.core.groups.Tuple.tuple("f", "a1"));
    }

    @Test
    void neverOffersOneAgentsResourcesTwiceWhenManyWantThem() {
        AllocationLedger ledger = new AllocationLedger();
        ledger.addAgent("a1", AGENT, Map.of(), Map.of());
        for (int f = 0; f < 5; f++) {
            ledger.addFramework("f" + f, List.of("r"));
        }
        ledger.setTaskShape("f1", Quantities.parse("cpus:1;mem:512"));

        List<Grant> grants = policy().allocate(ledger);

        assertValid(ledger, grants);
        assertThat(grants).isNotEmpty();
    }

    @Test
    void honoursRefuseFilters() {
        AllocationLedger ledger = new AllocationLedger();
        ledger.addAgent("a1", AGENT, Map.of(), Map.of());
        ledger.addAgent("a2", AGENT, Map.of(), Map.of());
        ledger.addFramework("f", List.of("r"));
        ledger.refuse("f", "a1", 5_000);

        List<Grant> grants = policy().allocate(ledger);

        assertValid(ledger, grants);
        assertThat(grants).extracting(Grant::agentId).doesNotContain("a1").contains("a2");
        ledger.refuse("f", "a2", 5_000);
        assertThat(policy().allocate(ledger)).isEmpty();
        ledger.expireFilters(5_000);
        assertThat(policy().allocate(ledger)).isNotEmpty();
    }

    @Test
    void honoursSuppression() {
        AllocationLedger ledger = new AllocationLedger();
        ledger.addAgent("a1", AGENT, Map.of(), Map.of());
        ledger.addFramework("quiet", List.of("r", "s"));
        ledger.suppress("quiet", "r");

        List<Grant> grants = policy().allocate(ledger);
        assertValid(ledger, grants);
        assertThat(grants).extracting(Grant::role).containsOnly("s");

        ledger.suppress("quiet");
        assertThat(policy().allocate(ledger)).isEmpty();
        ledger.revive("quiet");
        assertThat(policy().allocate(ledger)).isNotEmpty();
    }

    @Test
    void offersNothingBelowTheMinimumOfferSize() {
        AllocationLedger ledger = new AllocationLedger();
        // 0.009 cpus and 31 MB: under both of Mesos' thresholds (0.01 cpus, 32 MB)
        ledger.addAgent("crumbs", Quantities.parse("cpus:0.009;mem:31;disk:4096"), Map.of(), Map.of());
        ledger.addAgent("cpu-only", Quantities.parse("cpus:0.01"), Map.of(), Map.of());
        ledger.addFramework("f", List.of("r"));

        List<Grant> grants = policy().allocate(ledger);

        assertValid(ledger, grants);
        assertThat(grants).extracting(Grant::agentId).doesNotContain("crumbs").contains("cpu-only");
    }

    @Test
    void offersReservedResourcesOnlyToTheirRole() {
        AllocationLedger ledger = new AllocationLedger();
        ledger.addAgent("a1", Quantities.parse("cpus:1;mem:128"), Map.of("db", Quantities.parse("cpus:2;mem:2048")), Map.of());
        ledger.addFramework("web", List.of("web"));
        ledger.addFramework("db", List.of("db"));

        List<Grant> grants = policy().allocate(ledger);

        assertValid(ledger, grants);
        assertThat(grants).filteredOn(Grant::reserved).extracting(Grant::frameworkId).containsOnly("db");
    }

    @Test
    void isDeterministicForAGivenView() {
        AllocationLedger first = randomCluster(7);
        AllocationLedger second = randomCluster(7);

        List<Grant> grants = policy().allocate(first);

        assertThat(policy().allocate(first)).isEqualTo(grants);
        assertThat(policy().allocate(second)).isEqualTo(grants);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void keepsEveryRuleOnRandomClusters(long seed) {
        AllocationLedger ledger = randomCluster(seed);
        for (int round = 0; round < 3; round++) {
            assertOfferableAgentsAreExact(ledger);
            List<Grant> grants = policy().allocate(ledger);
            assertValid(ledger, grants);
            // the master books every grant; the ledger itself refuses overdrafts
            grants.forEach(ledger::allocate);
            ledger.expireFilters(round * 4_000L);
        }
    }

    /** Every rule of {@link AllocationPolicy#allocate} checked against the view the grants came from. */
    public static void assertValid(AllocationView view, List<Grant> grants) {
        Map<String, Quantities> unreserved = new HashMap<>();
        Map<String, Quantities> reserved = new HashMap<>();
        Map<String, AgentView> agents = new HashMap<>();
        Map<String, FrameworkView> frameworks = new HashMap<>();
        for (int slot = 0; slot < view.agentSlots(); slot++) {
            if (view.agent(slot) != null) {
                agents.put(view.agent(slot).id(), view.agent(slot));
            }
        }
        for (int slot = 0; slot < view.frameworkSlots(); slot++) {
            if (view.framework(slot) != null) {
                frameworks.put(view.framework(slot).id(), view.framework(slot));
            }
        }
        for (Grant grant : grants) {
            AgentView agent = agents.get(grant.agentId());
            FrameworkView framework = frameworks.get(grant.frameworkId());
            assertThat(agent).as("agent of %s", grant).isNotNull();
            assertThat(framework).as("framework of %s", grant).isNotNull();
            assertThat(framework.roles()).as("role of %s", grant).contains(grant.role());
            assertThat(framework.suppressed(grant.role())).as("suppressed role in %s", grant).isFalse();
            assertThat(agent.refusers().contains(framework.slot())).as("refused agent in %s", grant).isFalse();
            assertThat(view.offerMinimum().isMetBy(grant.resources())).as("minimum offer size of %s", grant).isTrue();
            if (grant.reserved()) {
                reserved.merge(grant.agentId() + "/" + grant.role(), grant.resources(), Quantities::plus);
            } else {
                unreserved.merge(grant.agentId(), grant.resources(), Quantities::plus);
            }
        }
        // summed over all frameworks: nothing is offered twice, nor more than is free
        unreserved.forEach((agent, sum) ->
                assertThat(agents.get(agent).free().contains(sum)).as("%s offered of %s", sum, agent).isTrue());
        reserved.forEach((key, sum) -> {
            String[] agentAndRole = key.split("/");
            Quantities free = agents.get(agentAndRole[0]).reservedFree().getOrDefault(agentAndRole[1], Quantities.EMPTY);
            assertThat(free.contains(sum)).as("%s offered of %s", sum, key).isTrue();
        });
    }

    /** The incrementally kept {@link AllocationView#offerableAgents()} against its definition, computed the slow way. */
    public static void assertOfferableAgentsAreExact(AllocationView view) {
        for (int a = 0; a < view.agentSlots(); a++) {
            AgentView agent = view.agent(a);
            if (agent == null) {
                continue;
            }
            boolean expected = false;
            for (int f = 0; f < view.frameworkSlots(); f++) {
                FrameworkView framework = view.framework(f);
                if (framework == null || agent.refusers().contains(f)) {
                    continue;
                }
                for (String role : framework.roles()) {
                    if (framework.suppressed(role)) {
                        continue;
                    }
                    expected |= view.offerMinimum().isMetBy(agent.free())
                            || view.offerMinimum().isMetBy(agent.reservedFree().getOrDefault(role, Quantities.EMPTY));
                }
            }
            assertThat(view.offerableAgents().contains(a)).as("agent %s offerable", agent.id()).isEqualTo(expected);
        }
    }

    /** A cluster with partly used agents, reservations, filters, suppressions and task shapes, from a seed. */
    public static AllocationLedger randomCluster(long seed) {
        Random random = new Random(seed);
        AllocationLedger ledger = new AllocationLedger();
        List<String> roles = List.of("a", "b", "c");
        int agents = 5 + random.nextInt(30);
        for (int a = 0; a < agents; a++) {
            Quantities resources = Quantities.parse("cpus:" + (1 + random.nextInt(16)) + "." + random.nextInt(10)
                    + ";mem:" + (random.nextInt(16_384)) + ";disk:" + random.nextInt(8192) + ";ports:[31000-31099]");
            Map<String, Quantities> reservations = random.nextInt(4) == 0
                    ? Map.of(roles.get(random.nextInt(3)), Quantities.parse("cpus:1;mem:1024")) : Map.of();
            ledger.addAgent("agent-" + a, resources, reservations, Map.of("rack", "r" + (a % 3)));
        }
        int frameworks = 1 + random.nextInt(12);
        for (int f = 0; f < frameworks; f++) {
            String id = "framework-" + f;
            List<String> mine = new ArrayList<>(List.of(roles.get(random.nextInt(3))));
            if (random.nextBoolean()) {
                mine.add(roles.get(random.nextInt(3)));
            }
            ledger.addFramework(id, mine);
            if (random.nextBoolean()) {
                ledger.setTaskShape(id, Quantities.parse("cpus:0." + (1 + random.nextInt(9)) + ";mem:" + (32 + random.nextInt(2048))));
            }
            if (random.nextInt(5) == 0) {
                ledger.suppress(id, mine.get(0));
            }
            for (int a = 0; a < agents; a++) {
                if (random.nextInt(4) == 0) {
                    ledger.refuse(id, "agent-" + a, 1_000 + random.nextInt(10_000));
                }
            }
        }
        ledger.setWeight("b", 2.0);
        return ledger;
    }
}
