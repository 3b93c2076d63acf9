package io.mezzo.master.internal.core;

import io.mezzo.api.testing.ManualClock;
import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.api.resources.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A master with a manual clock and fake subscribers, driven the way the event loop drives it. */
final class MasterHarness {
    final ManualClock clock = new ManualClock();
    final Master master;
    final PolicyRegistry policies = new PolicyRegistry("drf");
    final CycleStats stats = new CycleStats();
    final StreamDirectory directory = new StreamDirectory();
    private int streams;

    MasterHarness() {
        this(MasterSettings.defaults());
    }

    /** The events the master told, one line each, oldest first. */
    final List<String> told = new java.util.ArrayList<>();
    private final MasterEvents events = new MasterEvents() {
        @Override
        public void agentUnreachable(String agentId, String hostname, String reason) {
            told.add("unreachable " + agentId);
        }

        @Override
        public void agentDrained(String agentId, String hostname) {
            told.add("drained " + agentId);
        }
    };

    /** The registry states the master handed to its writer, oldest first. */
    final List<RegistryState> registryWrites = new java.util.ArrayList<>();

    MasterHarness(MasterSettings settings) {
        this(settings, RegistryState.empty());
    }

    /** A leader that recovers from {@code registry}, as after a failover. */
    MasterHarness(MasterSettings settings, RegistryState registry) {
        MasterInfo info = MasterInfo.newBuilder().setId("M").setIp(0).setPort(5050).setHostname("m").build();
        policies.add(new PolicyRegistry.Registered("drf", new io.mezzo.allocator.drf.internal.DrfPolicy(), 1, "test", "0"));
        master = new Master(clock, settings, info, policies, stats, registry, registryWrites::add, events, directory);
    }

    static MasterSettings withOfferTimeout(Duration timeout) {
        MasterSettings d = MasterSettings.defaults();
        return new MasterSettings(d.allocationInterval(), timeout, d.heartbeatInterval(), d.agentPingInterval(),
                d.agentMaxMissedPings(), d.agentReregisterTimeout(), Map.of());
    }

    FakeStream<AgentEvent> agent(double cpus, double mem) {
        return agent("h", cpus, mem);
    }

    FakeStream<AgentEvent> agent(String hostname, double cpus, double mem) {
        FakeStream<AgentEvent> s = new FakeStream<>("agent-stream-" + streams++);
        master.subscribeAgent(AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE).setSubscribe(
                AgentCall.Subscribe.newBuilder().setAgentInfo(AgentInfo.newBuilder().setHostname(hostname)
                        .addAllResources(Resources.parse("cpus:" + cpus + ";mem:" + mem).toProtos()))).build(), s);
        return s;
    }

    static String agentId(FakeStream<AgentEvent> agent) {
        return agent.events.get(0).getSubscribed().getAgentId().getValue();
    }

    FakeStream<Event> framework(FrameworkInfo.Builder info) {
        FakeStream<Event> s = new FakeStream<>("fw-stream-" + streams++);
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        master.subscribeFramework(call.build(), s);
        return s;
    }

    FakeStream<Event> framework(String name) {
        return framework(FrameworkInfo.newBuilder().setUser("u").setName(name));
    }

    static String frameworkId(FakeStream<Event> fw) {
        return fw.events.get(0).getSubscribed().getFrameworkId().getValue();
    }

    CallOutcome call(FakeStream<Event> fw, Call.Builder call) {
        return master.handleSchedulerCall(call.setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId(fw)))
                .build(), fw.id);
    }

    /** Runs a tick one allocation interval later, so an allocation cycle happens. */
    void allocate() {
        clock.advance(Duration.ofSeconds(1));
        master.tick();
    }

    static List<Offer> offers(FakeStream<Event> fw) {
        return fw.events.stream().filter(e -> e.getType() == Event.Type.OFFERS)
                .flatMap(e -> e.getOffers().getOffersList().stream()).toList();
    }

    static List<TaskStatus> updates(FakeStream<Event> fw) {
        return fw.events.stream().filter(e -> e.getType() == Event.Type.UPDATE).map(e -> e.getUpdate().getStatus())
                .toList();
    }

    static TaskInfo task(String id, String agentId, double cpus, double mem) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setCommand(CommandInfo.newBuilder().setValue("echo hello"))
                .addAllResources(Resources.parse("cpus:" + cpus + ";mem:" + mem).toProtos()).build();
    }

    static Call.Builder launch(Offer offer, double refuseSeconds, TaskInfo... tasks) {
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId())
                .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                        .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))))
                .setFilters(io.mezzo.api.v1.Protos.Filters.newBuilder().setRefuseSeconds(refuseSeconds)));
    }

    CallOutcome agentUpdate(FakeStream<AgentEvent> agent, String frameworkId, String taskId, TaskState state,
            ByteString uuid) {
        return master.handleAgentCall(AgentCall.newBuilder().setType(AgentCall.Type.UPDATE)
                .setAgentId(AgentID.newBuilder().setValue(agentId(agent)))
                .setUpdate(AgentCall.Update.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                                .setState(state).setUuid(uuid))).build(), agent.id);
    }

    /** One UPDATE call carrying {@code updates} in its repeated field, on the agent's stream. */
    CallOutcome agentUpdates(FakeStream<AgentEvent> agent, String streamId, AgentCall.Update... updates) {
        return master.handleAgentCall(AgentCall.newBuilder().setType(AgentCall.Type.UPDATE)
                .setAgentId(AgentID.newBuilder().setValue(agentId(agent))).addAllUpdates(List.of(updates)).build(),
                streamId);
    }

    static AgentCall.Update update(String frameworkId, String taskId, TaskState state, ByteString uuid) {
        return AgentCall.Update.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setState(state)
                        .setUuid(uuid)).build();
    }

    static ByteString uuid() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return ByteString.copyFrom(b.array());
    }
}
