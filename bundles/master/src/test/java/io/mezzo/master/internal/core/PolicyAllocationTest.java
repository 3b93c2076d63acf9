package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.allocator.binpack.internal.BinpackPolicy;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Label;
import io.mezzo.api.v1.Protos.Labels;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Allocation through the policy services, driven through the master's core with the real policies. */
class PolicyAllocationTest {
    private final MasterHarness h = new MasterHarness();
    private final Map<FakeStream<Event>, Integer> seen = new HashMap<>();
    private final Map<FakeStream<Event>, Integer> launched = new HashMap<>();

    @Test
    void drfPaperExampleEndsAtThreeAndTwoTasks() {
        // 9 CPUs, 18 GB; per task A = <1 CPU, 4 GB> (share .222, memory), B = <3 CPUs, 1 GB> (share .333, cpu)
        // progressive filling: A .222, B .333, A .444, B .667, A .667 -> 9 cpus and 14 GB used, nothing else fits
        FakeStream<AgentEvent> node = h.agent(9, 18432);
        FakeStream<Event> a = shaped("A", "cpus:1;mem:4096");
        FakeStream<Event> b = shaped("B", "cpus:3;mem:1024");

        for (int round = 0; round < 5; round++) {
            h.allocate();
            launchAsManyAsFit(a, node, 1, 4096);
            launchAsManyAsFit(b, node, 3, 1024);
        }

        assertThat(launched.get(a)).isEqualTo(3);
        assertThat(launched.get(b)).isEqualTo(2);
        assertNothingOfferedTwice();
    }

    @Test
    void aSwapMidRunLosesNoOfferAndDoublesNone() {
        h.policies.add(new PolicyRegistry.Registered("binpack", new BinpackPolicy(), 2, "test", "0"));
        h.agent(4, 4096);
        h.agent(4, 4096);
        FakeStream<Event> a = h.framework("a");
        h.allocate();
        Offer madeByDrf = offers(a).get(0);

        h.policies.select("binpack");
        FakeStream<Event> b = h.framework("b");
        h.allocate();

        // the drf offer is still valid: accepting it launches the task
        String agent = madeByDrf.getAgentId().getValue();
        CallOutcome accepted = h.call(a, MasterHarness.launch(madeByDrf, 0,
                MasterHarness.task("t1", agent, 1, 128)));
        assertThat(accepted).isEqualTo(CallOutcome.ACCEPTED);
        assertThat(MasterHarness.updates(a)).isEmpty();
        h.allocate();
        h.allocate();
        // b got the other agent from binpack; a's remainder came back and was offered again
        assertThat(offers(b)).isNotEmpty();
        assertThat(offers(a)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(h.stats.snapshot().cycles()).isGreaterThanOrEqualTo(3);
        assertNothingOfferedTwice();
    }

    @Test
    void fallsBackToDrfWhenTheActivePolicyGoesAndReturnsToItWhenItComesBack() {
        BinpackPolicy binpack = new BinpackPolicy();
        h.policies.add(new PolicyRegistry.Registered("binpack", binpack, 2, "test", "0"));
        h.policies.request("binpack");
        h.agent(4, 4096);
        FakeStream<Event> a = h.framework("a");
        h.allocate();
        assertThat(offers(a)).hasSize(1);

        h.policies.remove(binpack);

        assertThat(h.policies.activeName()).contains("drf");
        assertThat(h.policies.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("binpack"));
        // allocation goes on: the declined resources come back through drf
        h.call(a, Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offers(a).get(0).getId()).setFilters(io.mezzo.api.v1.Protos.Filters.newBuilder()
                        .setRefuseSeconds(0))));
        h.allocate();
        assertThat(offers(a)).hasSize(2);

        h.policies.add(new PolicyRegistry.Registered("binpack", binpack, 3, "test", "0"));
        assertThat(h.policies.activeName()).contains("binpack");
        assertThat(h.policies.fallbackReason()).isEmpty();
    }

    @Test
    void binpackOffersTheFullerAgentFirstWhileDrfOffersBothInAgentOrder() {
        // agent "empty" registered first (slot 0), agent "busy" second and half used by another framework's task
        MasterHarness drf = clusterWithOneBusyAgent("drf");
        FakeStream<Event> p = drf.framework("p");
        drf.allocate();
        // drf gives the only framework every agent in one round, in agent order
        assertThat(agentsOffered(drf, p)).containsExactly("empty", "busy");

        MasterHarness binpack = clusterWithOneBusyAgent("binpack");
        FakeStream<Event> q = binpack.framework("q");
        binpack.allocate();
        // binpack: one agent per framework per round, the fullest (busy: cpus 2/4 = .5 against 0)
        assertThat(agentsOffered(binpack, q)).containsExactly("busy");
        binpack.allocate();
        assertThat(agentsOffered(binpack, q)).containsExactly("busy", "empty");
    }

    @Test
    void twoFrameworksGetOppositeAgentsFromBinpackAndDrf() {
        // frameworks p and q have equal shares (0), so both policies serve p (the lower id) first
        MasterHarness drf = clusterWithOneBusyAgent("drf");
        FakeStream<Event> drfP = drf.framework("p");
        FakeStream<Event> drfQ = drf.framework("q");
        drf.allocate();
        assertThat(agentsOffered(drf, drfP)).containsExactly("empty");
        assertThat(agentsOffered(drf, drfQ)).containsExactly("busy");

        MasterHarness binpack = clusterWithOneBusyAgent("binpack");
        FakeStream<Event> binpackP = binpack.framework("p");
        FakeStream<Event> binpackQ = binpack.framework("q");
        binpack.allocate();
        assertThat(agentsOffered(binpack, binpackP)).containsExactly("busy");
        assertThat(agentsOffered(binpack, binpackQ)).containsExactly("empty");
    }

    /**
     * A master using {@code policy} with agents "empty" (slot 0) and "busy" (slot 1, running a
     * 2-cpu task of a framework that then suppresses offers) and no outstanding offers.
     */
    private static MasterHarness clusterWithOneBusyAgent(String policy) {
        MasterHarness cluster = new MasterHarness();
        cluster.policies.add(new PolicyRegistry.Registered("binpack", new BinpackPolicy(), 2, "test", "0"));
        cluster.agent("empty", 4, 4096);
        FakeStream<AgentEvent> busy = cluster.agent("busy", 4, 4096);
        FakeStream<Event> loader = cluster.framework("loader");
        cluster.allocate();
        for (Offer offer : offers(loader)) {
            if (offer.getHostname().equals("busy")) {
                cluster.call(loader, MasterHarness.launch(offer, 0, MasterHarness.task("load", agentId(busy), 2, 2048)));
            } else {
                cluster.call(loader, Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                        .addOfferIds(offer.getId())));
            }
        }
        cluster.call(loader, Call.newBuilder().setType(Call.Type.SUPPRESS));
        assertThat(cluster.master.snapshots().offers()).isEmpty();
        cluster.policies.select(policy);
        return cluster;
    }

    /** The hostnames of the agents offered to {@code fw} so far, in order. */
    private static List<String> agentsOffered(MasterHarness cluster, FakeStream<Event> fw) {
        return offers(fw).stream().map(Offer::getHostname).toList();
    }

    @Test
    void anOperatorCanOnlySelectARegisteredPolicy() {
        assertThatThrownBy(() -> h.policies.select("nope")).isInstanceOf(IllegalArgumentException.class);
        h.policies.request("nope");
        assertThat(h.policies.activeName()).contains("drf");
        assertThat(h.policies.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("nope"));
    }

    @Test
    void offersCarryRealPortsTakenLowestFirst() {
        Resources pool = Resources.parse("cpus:4;mem:4096;ports:[31000-31009, 31020-31029]");
        Resources slice = ResourceSlicer.slice(pool, Quantities.parse("cpus:1;ports:12"));
        // 12 ports: all ten of the first range, then the two lowest of the second
        assertThat(slice).isEqualTo(Resources.parse("cpus:1;ports:[31000-31009, 31020-31021]"));
        assertThat(ResourceSlicer.slice(pool, ResourceSlicer.quantities(pool))).isSameAs(pool);
        assertThatThrownBy(() -> ResourceSlicer.slice(pool, Quantities.parse("ports:21")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void weightsApplyLive() {
        h.agent(4, 4096);
        FakeStream<Event> a = h.framework(FrameworkInfo.newBuilder().setUser("u").setName("a").setRole("prod"));
        h.allocate();
        MasterSettings d = MasterSettings.defaults();
        h.master.updateSettings(new MasterSettings(d.allocationInterval(), d.offerTimeout(), d.heartbeatInterval(),
                d.agentPingInterval(), d.agentMaxMissedPings(), d.agentReregisterTimeout(), Map.of("prod", 3.0)));
        assertThat(h.master.allocationView().role("prod").weight()).isEqualTo(3.0);
        h.master.updateSettings(d);
        assertThat(h.master.allocationView().role("prod").weight()).isEqualTo(1.0);
        assertThat(offers(a)).hasSize(1);
    }

    private FakeStream<Event> shaped(String name, String shape) {
        return h.framework(FrameworkInfo.newBuilder().setUser("u").setName(name).setLabels(Labels.newBuilder()
                .addLabels(Label.newBuilder().setKey(LedgerKeeper.TASK_SHAPE_LABEL).setValue(shape))));
    }

    /** A scheduler that launches as many tasks of its shape as each new offer holds. */
    private void launchAsManyAsFit(FakeStream<Event> fw, FakeStream<AgentEvent> agent, double cpus, double mem) {
        List<Offer> all = offers(fw);
        for (int i = seen.getOrDefault(fw, 0); i < all.size(); i++) {
            Offer offer = all.get(i);
            Resources r = Resources.fromProtos(offer.getResourcesList());
            int fit = (int) Math.min(r.scalarSum("cpus").value() / cpus, r.scalarSum("mem").value() / mem);
            List<TaskInfo> tasks = new ArrayList<>();
            for (int t = 0; t < fit; t++) {
                int n = launched.merge(fw, 1, Integer::sum);
                tasks.add(MasterHarness.task(MasterHarness.frameworkId(fw) + "-" + n, agentId(agent), cpus, mem));
            }
            launched.putIfAbsent(fw, 0);
            h.call(fw, MasterHarness.launch(offer, 0, tasks.toArray(TaskInfo[]::new)));
        }
        seen.put(fw, all.size());
    }

    /** On every agent, what outstanding offers hold plus what tasks use fits in its total. */
    private void assertNothingOfferedTwice() {
        List<OfferSnapshot> outstanding = h.master.snapshots().offers();
        Set<String> ids = new HashSet<>();
        outstanding.forEach(o -> assertThat(ids.add(o.id())).isTrue());
        for (AgentSnapshot agent : h.master.snapshots().agents()) {
            Resources held = Resources.parse(agent.usedResources());
            for (OfferSnapshot o : outstanding) {
                if (o.agentId().equals(agent.id())) {
                    held = held.plus(Resources.parse(o.resources()));
                }
            }
            assertThat(Resources.parse(agent.totalResources()).contains(held)).as("agent %s holds %s", agent.id(), held)
                    .isTrue();
        }
    }
}
