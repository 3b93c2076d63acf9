package io.mezzo.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.mezzo.api.jmx.AllocatorMBean;
import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import java.net.URI;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 5's hot swap inside the running distribution, with real sleep tasks running throughout:
 * the binpack bundle (not part of the boot features) is installed and selected over JMX while the
 * probe framework holds drf's offers, places the next offers visibly differently from drf, and is
 * uninstalled while its own offers are out, after which drf takes over, binpack's offer is still
 * accepted and offers go on. After every step each agent's free resources are in exactly one
 * outstanding offer: none lost, none doubled.
 *
 * <p>Placement needs two agents: the container's own agent, which runs the sleepers, and an
 * {@link IdleAgent} speaking the agent protocol. The idle one registers first (the container boots
 * without the agent role, which the test then turns on), so the busier agent is the second in the
 * master's agent order, and "fullest first" cannot be mistaken for "first registered first".
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyHotSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AGENT_RESOURCES = "cpus:4;mem:4096;disk:8192;ports:[31000-32000]";
    private static final String IDLE_RESOURCES = "cpus:4;mem:4096;disk:8192";
    private static final double LONG_REFUSAL = 3600;

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configurations;

    @Inject
    MBeanServer mbeans;

    @Inject
    MasterView master;

    @Configuration
    public Option[] config() {
        return MezzoDistribution.options(
                // the agent role is turned on by the test, after the idle agent registered
                editConfigurationFilePut("etc/io.mezzo.agent.cfg", "roles", "master"),
                editConfigurationFilePut("etc/io.mezzo.agent.cfg", "resources", AGENT_RESOURCES),
                systemProperty("mezzo.version").value(System.getProperty("mezzo.version")));
    }

    @Test
    public void binpackIsInstalledSelectedOverJmxAndUninstalledWhileTasksRun() throws Exception {
        MasterMBean masterBean = JMX.newMXBeanProxy(mbeans, new ObjectName(MasterMBean.OBJECT_NAME), MasterMBean.class);
        AllocatorMBean allocator = JMX.newMXBeanProxy(mbeans, new ObjectName(AllocatorMBean.OBJECT_NAME),
                AllocatorMBean.class);
        await().until(() -> mbeans.isRegistered(new ObjectName(MasterMBean.OBJECT_NAME)) && masterBean.isLeader());
        URI api = URI.create("http://127.0.0.1:" + MezzoDistribution.httpPort());

        try (IdleAgent idle = IdleAgent.subscribe(api, "idle-agent", IDLE_RESOURCES)) {
            await().until(() -> masterBean.getActiveAgents() == 1);
            enableTheContainersAgent();
            await().until(() -> masterBean.getActiveAgents() == 2);
            String busy = master.agents().stream().filter(a -> !a.id().equals(idle.id())).findFirst().orElseThrow()
                    .id();

            try (RecordingFramework sleepers = RecordingFramework.subscribe(api, "sleepers");
                    RecordingFramework probe = awaitSleepersThenSubscribeProbe(api, sleepers, busy)) {
                // drf: the only framework that wants offers gets every agent at once
                assertThat(agentsOf(probe.nextOffers(WAIT))).containsExactlyInAnyOrder(idle.id(), busy);
                assertEveryFreeResourceIsInOneOfferOf(probe);

                // binpack is not in the distribution's boot features: it arrives as a bundle, and is
                // selected over JMX while the probe holds the offers drf made
                assertThat(allocator.getAvailablePolicies()).containsExactly("drf");
                Bundle binpack = context.installBundle("mvn:io.mezzo/mezzo-allocator-binpack/"
                        + System.getProperty("mezzo.version"));
                binpack.start();
                await().until(() -> List.of(allocator.getAvailablePolicies()).contains("binpack"));
                assertThat(allocator.getActivePolicy()).isEqualTo("drf");
                mbeans.invoke(new ObjectName(AllocatorMBean.OBJECT_NAME), "setPolicy", new Object[] {"binpack"},
                        new String[] {String.class.getName()});
                assertThat(allocator.getActivePolicy()).isEqualTo("binpack");
                assertThat(allocator.getFallbackReason()).isEmpty();
                assertSwapKeptTheOffers(allocator, probe);

                // binpack: one agent per round, the fullest first (busy: 2 of 4 cpus used); the empty one a round later
                probe.declineAll(LONG_REFUSAL);
                probe.revive();
                List<Offer> packed = probe.nextOffers(WAIT);
                assertThat(agentsOf(packed)).containsExactly(busy);
                assertThat(agentsOf(probe.nextOffers(WAIT))).containsExactly(idle.id());
                assertEveryFreeResourceIsInOneOfferOf(probe);

                // the bundle goes away while binpack's offers are out: drf takes over and those offers stay good
                binpack.uninstall();
                await().until(() -> "drf".equals(allocator.getActivePolicy()));
                assertThat(allocator.getRequestedPolicy()).isEqualTo("binpack");
                assertThat(allocator.getFallbackReason()).contains("binpack");
                assertSwapKeptTheOffers(allocator, probe);
                probe.launch(packed.get(0), List.of(RecordingFramework.sleeper("sleeper-3", packed.get(0), 1, 512)),
                        LONG_REFUSAL);
                await().until(() -> probe.states("sleeper-3").contains(TaskState.TASK_RUNNING));

                // and offers go on, placed by drf again
                probe.declineAll(LONG_REFUSAL);
                probe.revive();
                assertThat(agentsOf(probe.nextOffers(WAIT))).containsExactlyInAnyOrder(idle.id(), busy);
                assertEveryFreeResourceIsInOneOfferOf(probe);

                // nothing was rescinded or offered twice, and the sleepers never stopped
                assertThat(probe.rescinded()).isEmpty();
                assertThat(probe.offerIdsSeen()).doesNotHaveDuplicates();
                for (String task : List.of("sleeper-1", "sleeper-2")) {
                    assertThat(sleepers.states(task)).containsOnly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
                }
                assertThat(masterBean.getTasksByState()).containsEntry("TASK_RUNNING", 3);

                stop(sleepers, "sleeper-1", "sleeper-2");
                stop(probe, "sleeper-3");
            }
        }
    }

    /** Turns the container's agent on, as an operator would with {@code config:property-set}. */
    private void enableTheContainersAgent() throws Exception {
        org.osgi.service.cm.Configuration agent = configurations.listConfigurations("(service.pid=io.mezzo.agent)")[0];
        Dictionary<String, Object> properties = agent.getProperties();
        properties.put("roles", "master,agent");
        agent.update(properties);
    }

    /**
     * The sleepers framework launches two sleep tasks (1 cpu, 512 MB each) on the busy agent,
     * refuses everything else and suppresses offers; then the probe framework subscribes.
     */
    private RecordingFramework awaitSleepersThenSubscribeProbe(URI api, RecordingFramework sleepers, String busy)
            throws Exception {
        List<Offer> first = sleepers.nextOffers(WAIT);
        Offer onBusy = first.stream().filter(o -> o.getAgentId().getValue().equals(busy)).findFirst().orElseThrow();
        sleepers.launch(onBusy, List.of(RecordingFramework.sleeper("sleeper-1", onBusy, 1, 512),
                RecordingFramework.sleeper("sleeper-2", onBusy, 1, 512)), LONG_REFUSAL);
        List<Offer> others = first.stream().filter(o -> o != onBusy).toList();
        if (!others.isEmpty()) {
            sleepers.decline(others, LONG_REFUSAL);
        }
        sleepers.suppress();
        await().until(() -> sleepers.states("sleeper-1").contains(TaskState.TASK_RUNNING)
                && sleepers.states("sleeper-2").contains(TaskState.TASK_RUNNING));
        await().until(() -> master.offers().isEmpty());
        return RecordingFramework.subscribe(api, "probe");
    }

    /**
     * Right after a swap, while the probe holds offers for everything free: two more cycles run
     * under the new policy and make no offer (nothing is free), and the held offers are all still
     * outstanding.
     */
    private void assertSwapKeptTheOffers(AllocatorMBean allocator, RecordingFramework probe) {
        long cycles = allocator.getCyclesRun();
        await().until(() -> allocator.getCyclesRun() >= cycles + 2);
        assertThat(probe.pendingOfferEvents()).isZero();
        assertEveryFreeResourceIsInOneOfferOf(probe);
    }

    /**
     * No offer lost or doubled: the master's outstanding offers are exactly the ones the probe holds,
     * and on every agent tasks plus offers account for the whole agent.
     */
    private void assertEveryFreeResourceIsInOneOfferOf(RecordingFramework probe) {
        List<OfferSnapshot> outstanding = master.offers();
        assertThat(outstanding.stream().map(OfferSnapshot::id).collect(Collectors.toSet())).isEqualTo(probe.held());
        for (AgentSnapshot agent : master.agents()) {
            Resources offered = outstanding.stream().filter(o -> o.agentId().equals(agent.id()))
                    .map(o -> Resources.parse(o.resources())).reduce(Resources.empty(), Resources::plus);
            assertThat(Resources.parse(agent.usedResources()).plus(offered))
                    .as("used + offered on %s", agent.id()).isEqualTo(Resources.parse(agent.totalResources()));
        }
    }

    private static void stop(RecordingFramework framework, String... tasks) throws Exception {
        for (String task : tasks) {
            framework.kill(task);
        }
        await().until(() -> List.of(tasks).stream().allMatch(t -> framework.states(t).contains(TaskState.TASK_KILLED)));
    }

    private static List<String> agentsOf(List<Offer> offers) {
        return offers.stream().map(o -> o.getAgentId().getValue()).toList();
    }

    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(WAIT);
    }
}
