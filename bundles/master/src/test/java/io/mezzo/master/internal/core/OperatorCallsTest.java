package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.codec.ContentType;
import io.mezzo.api.resources.Resources;
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
        return h.master.operatorCall(Call.newBuilder().setType(type).build(), Instant.EPOCH).orElseThrow();
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
        assertThat(h.master.operatorCall(teardown, Instant.EPOCH)).isPresent();
        assertThat(call(Call.Type.GET_FRAMEWORKS).getGetFrameworks().getCompletedFrameworksCount()).isEqualTo(1);
        assertThat(h.master.operatorCall(Call.newBuilder().setType(Call.Type.GET_QUOTA).build(), Instant.EPOCH))
                .isEmpty();
    }
}
