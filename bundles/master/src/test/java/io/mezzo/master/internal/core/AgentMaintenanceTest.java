package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static io.mezzo.master.internal.core.MasterHarness.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.master.internal.metrics.ClusterFigures;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.DrainState;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deactivate, drain and reactivate agents: offers, kills, DRAINED, and what a new leader keeps. */
class AgentMaintenanceTest {
    private final MasterHarness h = new MasterHarness();

    /** One agent (4 cpus), one framework, task t1 running on the agent; the rest of the offer declined for 0 s. */
    private record Running(FakeStream<AgentEvent> agent, FakeStream<Event> fw) {
        String agentId() {
            return MasterHarness.agentId(agent);
        }
    }

    private Running agentWithRunningTask(MasterHarness harness) {
        FakeStream<AgentEvent> agent = harness.agent(4, 4096);
        FakeStream<Event> fw = harness.framework(FrameworkInfo.newBuilder().setUser("u").setName("f")
                .setFailoverTimeout(300));
        harness.allocate();
        harness.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 512)));
        harness.agentUpdate(agent, frameworkId(fw), "t1", TaskState.TASK_RUNNING, uuid());
        harness.allocate(); // the remainder (3 cpus) is offered again
        return new Running(agent, fw);
    }

    private static List<AgentEvent.KillTask> kills(FakeStream<AgentEvent> agent) {
        return agent.events.stream().filter(e -> e.getType() == AgentEvent.Type.KILL_TASK)
                .map(AgentEvent::getKillTask).toList();
    }

    private static long rescinds(FakeStream<Event> fw) {
        return fw.events.stream().filter(e -> e.getType() == Event.Type.RESCIND).count();
    }

    private AgentSnapshot snapshot(MasterHarness harness, String agentId) {
        return harness.master.snapshots().agents().stream().filter(a -> a.id().equals(agentId)).findFirst()
                .orElseThrow();
    }

    private static RegistryState.Agent lastRegistered(MasterHarness harness, String agentId) {
        RegistryState last = harness.registryWrites.get(harness.registryWrites.size() - 1);
        return last.agents().stream().filter(a -> a.id().equals(agentId)).findFirst().orElseThrow();
    }

    @Test
    void figuresCountedOnTheLoopAgreeWithTheSnapshots() {
        Running r = agentWithRunningTask(h);
        ClusterFigures before = figuresAgreeingWithSnapshots();
        assertThat(before.tasks("TASK_RUNNING")).isEqualTo(1);
        assertThat(before.offers()).isEqualTo(1);

        h.master.drainAgent(r.agentId(), Optional.empty());

        ClusterFigures draining = figuresAgreeingWithSnapshots();
        assertThat(draining.drainingAgents()).isEqualTo(1);
        assertThat(draining.deactivatedAgents()).isEqualTo(1);
        assertThat(draining.offers()).isZero();
    }

    private ClusterFigures figuresAgreeingWithSnapshots() {
        ClusterSnapshots s = h.master.snapshots();
        ClusterFigures counted = s.figures();
        assertThat(counted).isEqualTo(ClusterFigures.of(true, s.agents(), s.frameworks(), s.tasks(), s.offers()));
        return counted;
    }

    @Test
    void deactivatedAgentKeepsItsTasksButIsOfferedToNobodyUntilReactivated() {
        Running r = agentWithRunningTask(h);
        int offersBefore = offers(r.fw()).size();

        MaintenanceResult result = h.master.deactivateAgent(r.agentId());

        assertThat(result.done()).isTrue();
        assertThat(rescinds(r.fw())).isEqualTo(1); // the outstanding offer of the remaining 3 cpus
        h.allocate();
        h.allocate();
        assertThat(offers(r.fw())).hasSize(offersBefore);
        assertThat(kills(r.agent())).isEmpty();
        assertThat(h.master.snapshots().tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("TASK_RUNNING"));
        AgentSnapshot agent = snapshot(h, r.agentId());
        assertThat(agent.active()).isFalse();
        assertThat(agent.deactivated()).isTrue();
        assertThat(agent.maintenance()).isEqualTo("deactivated");
        assertThat(lastRegistered(h, r.agentId()).maintenance().deactivated()).isTrue();

        assertThat(h.master.reactivateAgent(r.agentId()).done()).isTrue();
        h.allocate();
        assertThat(offers(r.fw())).hasSize(offersBefore + 1);
        assertThat(offers(r.fw()).get(offersBefore).getAgentId().getValue()).isEqualTo(r.agentId());
        assertThat(snapshot(h, r.agentId()).active()).isTrue();
        assertThat(lastRegistered(h, r.agentId()).maintenance()).isEqualTo(Maintenance.NONE);
    }

    @Test
    void drainWithoutGraceLetsTheTaskFinishThenTheAgentIsDrained() {
        Running r = agentWithRunningTask(h);

        MaintenanceResult result = h.master.drainAgent(r.agentId(), Optional.empty());

        assertThat(result.done()).isTrue();
        assertThat(result.message()).contains("draining").contains("1 tasks left to finish");
        assertThat(rescinds(r.fw())).isEqualTo(1);
        h.clock.advance(Duration.ofHours(1));
        h.master.tick();
        assertThat(kills(r.agent())).isEmpty();
        assertThat(snapshot(h, r.agentId()).drainState()).isEqualTo("DRAINING");
        assertThat(h.told).isEmpty();

        h.agentUpdate(r.agent(), frameworkId(r.fw()), "t1", TaskState.TASK_FINISHED, uuid());
        h.master.tick();

        assertThat(snapshot(h, r.agentId()).drainState()).isEqualTo("DRAINED");
        assertThat(snapshot(h, r.agentId()).active()).isFalse();
        assertThat(h.told).containsExactly("drained " + r.agentId());
        assertThat(lastRegistered(h, r.agentId()).maintenance().drain()).hasValueSatisfying(
                d -> assertThat(d.state()).isEqualTo(DrainState.DRAINED));
        int offersBefore = offers(r.fw()).size();
        h.allocate();
        assertThat(offers(r.fw())).hasSize(offersBefore); // the freed cpu is not offered either
    }

    @Test
    void drainWithGraceKillsTheTasksStillRunningOnceItRunsOut() {
        Running r = agentWithRunningTask(h);

        h.master.drainAgent(r.agentId(), Optional.of(Duration.ofSeconds(30)));
        h.clock.advance(Duration.ofSeconds(29));
        h.master.tick();
        assertThat(kills(r.agent())).isEmpty();
        h.clock.advance(Duration.ofSeconds(1));
        h.master.tick();
        h.master.tick();

        assertThat(kills(r.agent())).singleElement().satisfies(k -> {
            assertThat(k.getTaskId().getValue()).isEqualTo("t1");
            assertThat(k.getFrameworkId().getValue()).isEqualTo(frameworkId(r.fw()));
        });
        assertThat(snapshot(h, r.agentId()).drainState()).isEqualTo("DRAINING");
        h.agentUpdate(r.agent(), frameworkId(r.fw()), "t1", TaskState.TASK_KILLED, uuid());
        h.master.tick();
        assertThat(snapshot(h, r.agentId()).drainState()).isEqualTo("DRAINED");
    }

    @Test
    void drainWithZeroGraceKillsAtOnceAndAnIdleAgentIsDrainedAtOnce() {
        Running r = agentWithRunningTask(h);
        FakeStream<AgentEvent> idle = h.agent(2, 1024);

        h.master.drainAgent(r.agentId(), Optional.of(Duration.ZERO));
        MaintenanceResult idleDrain = h.master.drainAgent(agentId(idle), Optional.empty());

        assertThat(kills(r.agent())).hasSize(1);
        assertThat(idleDrain.message()).contains("drained");
        assertThat(snapshot(h, agentId(idle)).drainState()).isEqualTo("DRAINED");
        assertThat(h.told).containsExactly("drained " + agentId(idle));
    }

    @Test
    void reactivatingADrainingAgentCancelsItsKillsAndOffersResume() {
        Running r = agentWithRunningTask(h);
        int offersBefore = offers(r.fw()).size();
        h.master.drainAgent(r.agentId(), Optional.of(Duration.ofSeconds(30)));

        assertThat(h.master.reactivateAgent(r.agentId()).done()).isTrue();
        h.clock.advance(Duration.ofSeconds(31));
        h.master.tick();

        assertThat(kills(r.agent())).isEmpty();
        assertThat(offers(r.fw())).hasSizeGreaterThan(offersBefore);
        AgentSnapshot agent = snapshot(h, r.agentId());
        assertThat(agent.drainState()).isEmpty();
        assertThat(agent.deactivated()).isFalse();
        assertThat(agent.active()).isTrue();
    }

    @Test
    void unknownAgentIsRefusedWithOneLineAndChangesNothing() {
        Running r = agentWithRunningTask(h);
        h.master.tick();
        int writes = h.registryWrites.size();

        for (MaintenanceResult result : List.of(h.master.drainAgent("nope", Optional.empty()),
                h.master.deactivateAgent("nope"), h.master.reactivateAgent("nope"))) {
            assertThat(result.done()).isFalse();
            assertThat(result.message()).isEqualTo("Unknown agent nope");
        }
        assertThat(h.master.drainAgent(r.agentId(), Optional.of(Duration.ofSeconds(-1))).done()).isFalse();
        h.master.tick();

        assertThat(h.registryWrites).hasSize(writes);
        assertThat(rescinds(r.fw())).isZero();
        assertThat(snapshot(h, r.agentId()).active()).isTrue();
    }

    @Test
    void lostAgentIsToldToListeners() {
        MasterHarness pinged = new MasterHarness(new MasterSettings(Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(15), Duration.ofSeconds(1), 2, Duration.ofMinutes(10), Map.of()));
        FakeStream<AgentEvent> agent = pinged.agent(1, 128);
        for (int i = 0; i < 4; i++) {
            pinged.clock.advance(Duration.ofSeconds(1));
            pinged.master.tick();
        }
        assertThat(pinged.told).containsExactly("unreachable " + agentId(agent));
    }

    @Test
    void registryRoundTripsMaintenanceAndWeightsAndStillReadsTheFirstFormat() {
        AgentInfo a1 = agentInfo("a1");
        AgentInfo a2 = agentInfo("a2");
        AgentInfo a3 = agentInfo("a3");
        java.time.Instant started = java.time.Instant.parse("2026-03-01T10:00:00.123456789Z");
        RegistryState state = new RegistryState(List.of(
                new RegistryState.Agent(a1, new Maintenance(true, Optional.empty()), false),
                new RegistryState.Agent(a2, new Maintenance(true, Optional.of(new Drain(DrainState.DRAINING,
                        Optional.of(Duration.ofSeconds(90)), started))), false),
                new RegistryState.Agent(a3, new Maintenance(true, Optional.of(new Drain(DrainState.DRAINED,
                        Optional.empty(), started))), true)),
                List.of(FrameworkInfo.newBuilder().setUser("u").setName("f").build()),
                Optional.of(Map.of("prod", 2.0, "dev", 0.5)));

        assertThat(RegistryState.decode(state.encode())).isEqualTo(state);
        RegistryState noWeights = new RegistryState(state.agents(), state.frameworks(), Optional.of(Map.of()));
        assertThat(RegistryState.decode(noWeights.encode()).weights()).contains(Map.of());

        // format 1, as the previous version wrote it: bare AgentInfo records, no weights
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String v1 = "mezzo-registry 1\nagent " + b64.encodeToString(a1.toByteArray()) + "\nframework "
                + b64.encodeToString(FrameworkInfo.newBuilder().setUser("u").setName("f").build().toByteArray()) + "\n";
        RegistryState old = RegistryState.decode(v1.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(old).isEqualTo(RegistryState.of(List.of(a1),
                List.of(FrameworkInfo.newBuilder().setUser("u").setName("f").build())));
        assertThat(old.agents().get(0).maintenance()).isEqualTo(Maintenance.NONE);
        assertThat(old.weights()).isEmpty();
    }

    @Test
    void newLeaderCarriesOnWithDrainsDeactivationsAndWeights() {
        MasterHarness old = new MasterHarness(withWeights(Map.of("prod", 2.0)));
        Running r = agentWithRunningTask(old);
        FakeStream<AgentEvent> other = old.agent(2, 1024);
        old.master.drainAgent(r.agentId(), Optional.of(Duration.ofSeconds(60)));
        old.master.deactivateAgent(agentId(other));
        old.master.tick();
        RegistryState registry = old.registryWrites.get(old.registryWrites.size() - 1);
        assertThat(registry.weights()).contains(Map.of("prod", 2.0));

        // a successor configured without weights, elected 20 s later
        MasterHarness next = new MasterHarness(MasterSettings.defaults(), registry);
        at(next, old.clock.instant().plusSeconds(20));
        assertThat(next.master.weights()).isEqualTo(Map.of("prod", 2.0));
        next.master.tick();
        // not DRAINED while the agent has not reported its tasks
        assertThat(snapshot(next, r.agentId()).drainState()).isEqualTo("DRAINING");
        FakeStream<AgentEvent> back = reregister(next, r.agentId(), frameworkId(r.fw()));
        FakeStream<Event> fw = next.framework(registry.frameworks().get(0).toBuilder());
        next.allocate();
        assertThat(offers(fw)).isEmpty(); // neither the draining nor the deactivated agent offers
        assertThat(snapshot(next, agentId(other)).deactivated()).isTrue();

        // the grace counts from the drain on the old leader: 60 s after it, the task is killed
        at(next, old.clock.instant().plusSeconds(59));
        next.master.tick();
        assertThat(kills(back)).isEmpty();
        at(next, old.clock.instant().plusSeconds(60));
        next.master.tick();
        assertThat(kills(back)).extracting(k -> k.getTaskId().getValue()).containsExactly("t1");

        // a successor whose configuration sets weights uses its own
        MasterHarness configured = new MasterHarness(withWeights(Map.of("dev", 3.0)), registry);
        assertThat(configured.master.weights()).isEqualTo(Map.of("dev", 3.0));
    }

    @Test
    void recoveredWeightsSurviveOtherSettingChangesButNotAWeightsChange() {
        RegistryState registry = new RegistryState(List.of(), List.of(), Optional.of(Map.of("prod", 2.0)));
        MasterHarness next = new MasterHarness(MasterSettings.defaults(), registry);
        MasterSettings d = MasterSettings.defaults();

        next.master.updateSettings(new MasterSettings(Duration.ofSeconds(2), d.offerTimeout(),
                d.heartbeatInterval(), d.agentPingInterval(), d.agentMaxMissedPings(), d.agentReregisterTimeout(),
                Map.of()));
        assertThat(next.master.weights()).isEqualTo(Map.of("prod", 2.0));

        next.master.updateSettings(withWeights(Map.of("prod", 4.0)));
        next.master.tick();
        assertThat(next.master.weights()).isEqualTo(Map.of("prod", 4.0));
        assertThat(next.registryWrites.get(next.registryWrites.size() - 1).weights()).contains(Map.of("prod", 4.0));
        next.master.updateSettings(MasterSettings.defaults());
        assertThat(next.master.weights()).isEmpty();
    }

    /** Moves the harness's clock forward to {@code instant}. */
    private static void at(MasterHarness harness, java.time.Instant instant) {
        harness.clock.advance(Duration.between(harness.clock.instant(), instant));
    }

    private static MasterSettings withWeights(Map<String, Double> weights) {
        MasterSettings d = MasterSettings.defaults();
        return new MasterSettings(d.allocationInterval(), d.offerTimeout(), d.heartbeatInterval(),
                d.agentPingInterval(), d.agentMaxMissedPings(), d.agentReregisterTimeout(), weights);
    }

    private static AgentInfo agentInfo(String id) {
        return AgentInfo.newBuilder().setHostname("h-" + id).setId(AgentID.newBuilder().setValue(id))
                .addAllResources(Resources.parse("cpus:4;mem:4096").toProtos()).build();
    }

    /** The agent subscribes again with its id and task t1 running, as after a master failover. */
    private static FakeStream<AgentEvent> reregister(MasterHarness harness, String agentId, String frameworkId) {
        FakeStream<AgentEvent> stream = new FakeStream<>(agentId + "-again");
        harness.master.subscribeAgent(AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(
                AgentCall.Subscribe.newBuilder().setAgentInfo(AgentInfo.newBuilder().setHostname("h")
                        .setId(AgentID.newBuilder().setValue(agentId))
                        .addAllResources(Resources.parse("cpus:4;mem:4096").toProtos()))
                        .addTasks(Task.newBuilder().setName("t1").setTaskId(TaskID.newBuilder().setValue("t1"))
                                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                                .setAgentId(AgentID.newBuilder().setValue(agentId)).setState(TaskState.TASK_RUNNING)
                                .addAllResources(Resources.parse("cpus:1;mem:512").toProtos()))).build(), stream);
        return stream;
    }
}
