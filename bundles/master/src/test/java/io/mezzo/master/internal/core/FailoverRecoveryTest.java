package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static io.mezzo.master.internal.core.MasterHarness.updates;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.allocator.binpack.internal.BinpackPolicy;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leader's registry, and what the next leader makes of it: running tasks survive the failover. */
class FailoverRecoveryTest {
    private static final Duration REREGISTER = Duration.ofMinutes(10);

    @Test
    void registryRoundTripsThroughItsEncoding() {
        RegistryState state = RegistryState.of(
                List.of(AgentInfo.newBuilder().setHostname("h1").setId(AgentID.newBuilder().setValue("a1")).build()),
                List.of(FrameworkInfo.newBuilder().setUser("u").setName("f").setFailoverTimeout(300)
                        .setId(FrameworkID.newBuilder().setValue("f1")).build()));
        assertThat(RegistryState.decode(state.encode())).isEqualTo(state);
        assertThat(RegistryState.decode(new byte[0])).isEqualTo(RegistryState.empty());
    }

    @Test
    void leaderWritesMembershipChangesOncePerTick() {
        MasterHarness first = new MasterHarness();
        first.agent(4, 4096);
        first.agent(4, 4096);
        first.framework(FrameworkInfo.newBuilder().setUser("u").setName("f").setFailoverTimeout(300));
        first.master.tick();
        first.master.tick(); // nothing changed since: no second write
        assertThat(first.registryWrites).singleElement().satisfies(r -> {
            assertThat(r.agents()).hasSize(2);
            assertThat(r.frameworks()).singleElement()
                    .satisfies(f -> assertThat(f.getFailoverTimeout()).isEqualTo(300.0));
        });
    }

    @Test
    void theRequestedPolicyOutlivesAFailoverAndWinsOverTheNewLeadersConfiguration() {
        MasterHarness old = new MasterHarness();
        old.policies.add(new PolicyRegistry.Registered("binpack", new BinpackPolicy(), 2, "test", "0"));
        old.master.tick();
        assertThat(lastWrite(old).policy()).contains("drf");
        old.policies.select("binpack"); // mezzo:policy-set or the Allocator MBean
        old.master.tick();
        RegistryState registry = lastWrite(old);
        assertThat(registry.policy()).contains("binpack");
        assertThat(RegistryState.decodeShards(registry.encodeShards(64))).isEqualTo(registry);

        // the next leader is configured with drf, and binpack registers with it after its election
        MasterHarness next = new MasterHarness(MasterSettings.defaults(), registry);
        assertThat(next.policies.requested()).isEqualTo("binpack");
        assertThat(next.policies.activeName()).contains("drf");
        next.policies.add(new PolicyRegistry.Registered("binpack", new BinpackPolicy(), 2, "test", "0"));
        assertThat(next.policies.activeName()).contains("binpack");
        next.master.tick();
        assertThat(next.registryWrites).as("the registry already says binpack").isEmpty();
    }

    private static RegistryState lastWrite(MasterHarness harness) {
        return harness.registryWrites.get(harness.registryWrites.size() - 1);
    }

    @Test
    void newLeaderKeepsRunningTasksOfReregisteringAgentsAndGivesUpOnMissingOnes() {
        // the old leader: one framework, two agents, a running task on the first
        MasterHarness old = new MasterHarness();
        FakeStream<AgentEvent> a1 = old.agent(4, 4096);
        FakeStream<AgentEvent> a2 = old.agent(4, 4096);
        FakeStream<Event> fw = old.framework(FrameworkInfo.newBuilder().setUser("u").setName("f").setFailoverTimeout(300));
        String fwId = frameworkId(fw);
        old.allocate();
        old.call(fw, launch(offers(fw).stream().filter(o -> o.getAgentId().getValue().equals(agentId(a1)))
                .findFirst().orElseThrow(), 0, task("t1", agentId(a1), 1, 128)));
        old.master.tick();
        RegistryState registry = old.registryWrites.get(old.registryWrites.size() - 1);

        // the new leader: the first agent re-registers with its task, the framework re-subscribes
        MasterHarness next = new MasterHarness(MasterSettings.defaults(), registry);
        FrameworkInfo info = registry.frameworks().get(0);
        FakeStream<AgentEvent> back = new FakeStream<>("a1-again");
        next.master.subscribeAgent(AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(
                AgentCall.Subscribe.newBuilder().setAgentInfo(AgentInfo.newBuilder().setHostname("h")
                        .setId(AgentID.newBuilder().setValue(agentId(a1)))
                        .addAllResources(Resources.parse("cpus:4;mem:4096").toProtos()))
                        .addFrameworks(info)
                        .addTasks(Task.newBuilder().setName("t1").setTaskId(TaskID.newBuilder().setValue("t1"))
                                .setFrameworkId(FrameworkID.newBuilder().setValue(fwId))
                                .setAgentId(AgentID.newBuilder().setValue(agentId(a1)))
                                .setState(TaskState.TASK_RUNNING)
                                .addAllResources(Resources.parse("cpus:1;mem:128").toProtos()))).build(), back);
        FakeStream<Event> again = next.framework(info.toBuilder());
        assertThat(frameworkId(again)).isEqualTo(fwId);

        // a task on the agent still expected back gets no premature answer
        next.call(again, Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1")))
                .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("elsewhere"))
                        .setAgentId(AgentID.newBuilder().setValue(agentId(a2))))));
        assertThat(updates(again)).extracting(s -> s.getTaskId().getValue() + ":" + s.getState())
                .containsExactly("t1:TASK_RUNNING");

        // the second agent never comes back: unreachable after agent.reregister.timeout
        next.clock.advance(REREGISTER.minusSeconds(1));
        next.master.tick();
        assertThat(next.master.snapshots().agents()).hasSize(2);
        next.clock.advance(Duration.ofSeconds(1));
        next.master.tick();
        assertThat(again.events).extracting(Event::getType).contains(Event.Type.FAILURE);
        assertThat(next.registryWrites.get(next.registryWrites.size() - 1).agents())
                .extracting(RegistryState.Agent::id).containsExactly(agentId(a1));
        assertThat(next.master.snapshots().tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("TASK_RUNNING"));
    }

    @Test
    void recoveredFrameworkThatNeverComesBackIsRemovedAfterItsFailoverTimeout() {
        RegistryState registry = RegistryState.of(List.of(), List.of(FrameworkInfo.newBuilder().setUser("u")
                .setName("f").setFailoverTimeout(60).setId(FrameworkID.newBuilder().setValue("f1")).build()));
        MasterHarness next = new MasterHarness(MasterSettings.defaults(), registry);
        next.clock.advance(Duration.ofSeconds(59));
        next.master.tick();
        assertThat(next.master.snapshots().frameworks()).hasSize(1);
        next.clock.advance(Duration.ofSeconds(1));
        next.master.tick();
        assertThat(next.master.snapshots().frameworks()).isEmpty();
    }
}
