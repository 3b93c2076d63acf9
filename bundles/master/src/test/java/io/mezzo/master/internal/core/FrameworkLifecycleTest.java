package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static io.mezzo.master.internal.core.MasterHarness.updates;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameworkLifecycleTest {
    private final MasterHarness h = new MasterHarness();

    private FakeStream<Event> framework(double failoverSeconds) {
        return h.framework(FrameworkInfo.newBuilder().setUser("u").setName("f").setFailoverTimeout(failoverSeconds));
    }

    @Test
    void disconnectedFrameworkIsRemovedAfterFailoverTimeoutAndItsTasksKilled() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = framework(60);
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128)));
        h.master.streamClosed(fw);
        h.clock.advance(Duration.ofSeconds(59));
        h.master.tick();
        assertThat(h.master.snapshots().frameworks()).singleElement().satisfies(f -> assertThat(f.connected()).isFalse());
        h.clock.advance(Duration.ofSeconds(1));
        h.master.tick();
        assertThat(h.master.snapshots().frameworks()).isEmpty();
        assertThat(agent.events).extracting(AgentEvent::getType).contains(AgentEvent.Type.SHUTDOWN_FRAMEWORK);
        assertThat(h.master.snapshots().stateDocument().completedFrameworks()).singleElement()
                .asString().contains("TASK_KILLED");
    }

    @Test
    void resubscribeWithinFailoverTimeoutKeepsTasksAndGetsANewStream() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = framework(60);
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128)));
        String id = frameworkId(fw);
        FakeStream<Event> again = h.framework(FrameworkInfo.newBuilder().setUser("u").setName("f")
                .setFailoverTimeout(60).setId(FrameworkID.newBuilder().setValue(id)));
        assertThat(frameworkId(again)).isEqualTo(id);
        assertThat(fw.events.get(fw.events.size() - 1).getError().getMessage()).isEqualTo("Framework failed over");
        assertThat(fw.closed).isTrue();
        assertThat(h.master.snapshots().tasks()).hasSize(1);
    }

    @Test
    void removedFrameworkCannotResubscribe() {
        FakeStream<Event> fw = framework(0);
        String id = frameworkId(fw);
        h.call(fw, Call.newBuilder().setType(Call.Type.TEARDOWN));
        FakeStream<Event> again = h.framework(FrameworkInfo.newBuilder().setUser("u").setName("f")
                .setId(FrameworkID.newBuilder().setValue(id)));
        assertThat(again.events).singleElement()
                .satisfies(e -> assertThat(e.getError().getMessage()).isEqualTo("Framework has been removed"));
    }

    @Test
    void statusUpdatesAreForwardedAndAcknowledgementsReachTheAgent() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = framework(0);
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128)));
        ByteString uuid = MasterHarness.uuid();
        h.agentUpdate(agent, frameworkId(fw), "t1", TaskState.TASK_FINISHED, uuid);
        assertThat(updates(fw)).singleElement().satisfies(s -> assertThat(s.getUuid()).isEqualTo(uuid));
        h.call(fw, Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(updates(fw).get(0).getAgentId()).setTaskId(TaskID.newBuilder().setValue("t1"))
                .setUuid(uuid)));
        assertThat(agent.events).filteredOn(e -> e.getType() == AgentEvent.Type.ACKNOWLEDGE).hasSize(1);
        // the finished task's resources are free again: the whole agent is offered
        h.allocate();
        assertThat(offers(fw)).hasSize(2);
    }

    @Test
    void implicitReconciliationReportsEveryTaskAndUnknownOnesAreLost() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = framework(0);
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128)));
        h.call(fw, Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
        h.call(fw, Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("ghost")))));
        assertThat(updates(fw)).extracting(s -> s.getTaskId().getValue() + ":" + s.getState())
                .containsExactly("t1:TASK_STAGING", "ghost:TASK_LOST");
    }

    @Test
    void agentMissingPingsIsUnreachableAndPartitionAwareTasksTooTheRestLost() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework(FrameworkInfo.newBuilder().setUser("u").setName("pa")
                .addCapabilities(FrameworkInfo.Capability.newBuilder()
                        .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)));
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128)));
        for (int i = 0; i < 6; i++) {
            h.clock.advance(Duration.ofSeconds(15));
            h.master.tick();
        }
        assertThat(updates(fw)).singleElement()
                .satisfies(s -> assertThat(s.getState()).isEqualTo(TaskState.TASK_UNREACHABLE));
        assertThat(fw.events).extracting(Event::getType).contains(Event.Type.FAILURE);
        assertThat(agent.closed).isTrue();
    }

    @Test
    void heartbeatsFollowTheInterval() {
        FakeStream<Event> fw = framework(0);
        h.clock.advance(Duration.ofSeconds(15));
        h.master.tick();
        h.clock.advance(Duration.ofSeconds(14));
        h.master.tick();
        assertThat(fw.events).filteredOn(e -> e.getType() == Event.Type.HEARTBEAT).hasSize(2);
    }

    @Test
    void agentReregisteringWithTasksOfARemovedFrameworkIsToldToShutItDownOnceAfterSubscribed() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = framework(60);
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 128), task("t2", agentId(agent), 1, 128)));
        String fwId = frameworkId(fw);
        h.call(fw, Call.newBuilder().setType(Call.Type.TEARDOWN));

        // the agent (restarted meanwhile, say) comes back still reporting both tasks
        FakeStream<AgentEvent> again = new FakeStream<>("agent-again");
        io.mezzo.api.agent.AgentProtos.AgentCall.Subscribe.Builder subscribe = io.mezzo.api.agent.AgentProtos.AgentCall
                .Subscribe.newBuilder().setAgentInfo(io.mezzo.api.v1.Protos.AgentInfo.newBuilder().setHostname("h")
                        .setId(io.mezzo.api.v1.Protos.AgentID.newBuilder().setValue(agentId(agent)))
                        .addAllResources(io.mezzo.api.resources.Resources.parse("cpus:4;mem:4096").toProtos()));
        for (String t : new String[] {"t1", "t2"}) {
            subscribe.addTasks(io.mezzo.api.v1.Protos.Task.newBuilder().setName(t).setTaskId(TaskID.newBuilder().setValue(t))
                    .setFrameworkId(FrameworkID.newBuilder().setValue(fwId)).setAgentId(
                            io.mezzo.api.v1.Protos.AgentID.newBuilder().setValue(agentId(agent)))
                    .setState(TaskState.TASK_RUNNING));
        }
        h.master.subscribeAgent(io.mezzo.api.agent.AgentProtos.AgentCall.newBuilder()
                .setType(io.mezzo.api.agent.AgentProtos.AgentCall.Type.SUBSCRIBE).setSubscribe(subscribe).build(), again);

        // an agent obeys nothing before SUBSCRIBED, so the shutdown must follow it
        assertThat(again.events).extracting(AgentEvent::getType)
                .containsExactly(AgentEvent.Type.SUBSCRIBED, AgentEvent.Type.SHUTDOWN_FRAMEWORK);
        assertThat(again.events.get(1).getShutdownFramework().getFrameworkId().getValue()).isEqualTo(fwId);
    }

}
