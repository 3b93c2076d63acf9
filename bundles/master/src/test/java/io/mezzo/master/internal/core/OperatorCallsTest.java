package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.codec.ContentType;
import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.DrainState;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.api.v1.master.Protos.Response;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorCallsTest {
    private final MasterHarness h = new MasterHarness();

    private Response call(Call.Type type) {
        return h.master.operatorCall(Call.newBuilder().setType(type).build(), Instant.EPOCH).body().orElseThrow();
    }

    @Test
    void healthVersionAndMaster() {
        assertThat(call(Call.Type.GET_HEALTH).getGetHealth().getHealthy()).isTrue();
        assertThat(call(Call.Type.GET_VERSION).getGetVersion().getVersionInfo().getVersion()).isEqualTo("1.12.0");
        Response master = call(Call.Type.GET_MASTER);
        assertThat(master.getType()).isEqualTo(Response.Type.GET_MASTER);
        assertThat(master.getGetMaster().getMasterInfo().getId()).isEqualTo("M");
        // JSON as Mesos writes it: the type name, then the snake_case member
        String json = new String(ContentType.JSON.encode(call(Call.Type.GET_HEALTH)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"GET_HEALTH\"").contains("\"get_health\":{\"healthy\":true}");
    }

    @Test
    void stateListsAgentsFrameworksAndTasksWithTheirResources() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t1", agentId(agent), 1, 512)));
        h.allocate();

        Response.GetState state = call(Call.Type.GET_STATE).getGetState();

        Response.GetAgents.Agent a = state.getGetAgents().getAgents(0);
        assertThat(a.getActive()).isTrue();
        assertThat(Resources.fromProtos(a.getTotalResourcesList())).isEqualTo(Resources.parse("cpus:4;mem:4096"));
        assertThat(Resources.fromProtos(a.getAllocatedResourcesList())).isEqualTo(Resources.parse("cpus:1;mem:512"));
        // the remainder went back and was offered again: 3 cpus, 3.5 GB
        assertThat(Resources.fromProtos(a.getOfferedResourcesList())).isEqualTo(Resources.parse("cpus:3;mem:3584"));
        Response.GetFrameworks.Framework f = state.getGetFrameworks().getFrameworks(0);
        assertThat(f.getFrameworkInfo().getId().getValue()).isEqualTo(frameworkId(fw));
        assertThat(f.getConnected()).isTrue();
        assertThat(f.getOffersCount()).isEqualTo(1);
        assertThat(state.getGetTasks().getTasksList()).extracting(t -> t.getTaskId().getValue() + ":" + t.getState())
                .containsExactly("t1:" + TaskState.TASK_STAGING);
        assertThat(call(Call.Type.GET_TASKS).getGetTasks()).isEqualTo(state.getGetTasks());
        assertThat(call(Call.Type.GET_AGENTS).getGetAgents()).isEqualTo(state.getGetAgents());
    }

    @Test
    void teardownRemovesTheFrameworkAndUnmodelledCallsAreNotImplemented() {
        FakeStream<Event> fw = h.framework("a");
        Call teardown = Call.newBuilder().setType(Call.Type.TEARDOWN).setTeardown(Call.Teardown.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId(fw)))).build();
        assertThat(h.master.operatorCall(teardown, Instant.EPOCH).body()).isPresent();
        assertThat(call(Call.Type.GET_FRAMEWORKS).getGetFrameworks().getCompletedFrameworksCount()).isEqualTo(1);
        assertThat(h.master.operatorCall(Call.newBuilder().setType(Call.Type.GET_QUOTA).build(), Instant.EPOCH)
                .status()).isEqualTo(501);
    }

    @Test
    void maintenanceCallsDrainDeactivateAndReactivateAgentsAndRefuseUnknownOnes() throws Exception {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<AgentEvent> other = h.agent(2, 1024);
        // as a Mesos client writes it: google.protobuf.Duration in JSON is {"seconds": ...}
        Call drain = JsonCodec.fromJson("{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\""
                + agentId(agent) + "\"},\"max_grace_period\":{\"seconds\":90}}}", Call.getDefaultInstance());

        OperatorAnswer drained = h.master.operatorCall(drain, Instant.EPOCH);
        OperatorAnswer deactivated = h.master.operatorCall(Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().setAgentId(id(agentId(other)))).build(),
                Instant.EPOCH);

        assertThat(drained.status()).isEqualTo(200);
        assertThat(drained.body()).isEmpty();
        assertThat(deactivated.status()).isEqualTo(200);
        Response.GetAgents agents = call(Call.Type.GET_AGENTS).getGetAgents();
        Response.GetAgents.Agent a = agents.getAgents(0);
        assertThat(a.getActive()).isFalse();
        assertThat(a.getDeactivated()).isTrue();
        // an idle agent is drained at once; the grace period is kept in its config
        assertThat(a.getDrainInfo().getState()).isEqualTo(DrainState.DRAINED);
        assertThat(a.getDrainInfo().getConfig().getMaxGracePeriod().getNanoseconds()).isEqualTo(90_000_000_000L);
        assertThat(agents.getAgents(1).getDeactivated()).isTrue();
        assertThat(agents.getAgents(1).hasDrainInfo()).isFalse();

        OperatorAnswer reactivated = h.master.operatorCall(Call.newBuilder().setType(Call.Type.REACTIVATE_AGENT)
                .setReactivateAgent(Call.ReactivateAgent.newBuilder().setAgentId(id(agentId(agent)))).build(),
                Instant.EPOCH);
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(call(Call.Type.GET_AGENTS).getGetAgents().getAgents(0).getActive()).isTrue();

        OperatorAnswer unknown = h.master.operatorCall(Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().setAgentId(id("nope"))).build(), Instant.EPOCH);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).isEqualTo("Unknown agent nope");
        OperatorAnswer gone = h.master.operatorCall(Call.newBuilder().setType(Call.Type.DRAIN_AGENT)
                .setDrainAgent(Call.DrainAgent.newBuilder().setAgentId(id(agentId(agent))).setMarkGone(true)).build(),
                Instant.EPOCH);
        assertThat(gone.status()).isEqualTo(400);
        assertThat(call(Call.Type.GET_AGENTS).getGetAgents().getAgents(0).getActive()).isTrue();
    }

    private static io.mezzo.api.v1.Protos.AgentID id(String value) {
        return io.mezzo.api.v1.Protos.AgentID.newBuilder().setValue(value).build();
    }
}
