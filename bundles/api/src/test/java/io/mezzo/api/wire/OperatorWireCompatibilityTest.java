package io.mezzo.api.wire;

import static io.mezzo.api.wire.WireFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

/** A GET_STATE response as the official master.proto lays it out, built by hand. */
class OperatorWireCompatibilityTest {

    @Test
    void getStateResponse() throws Exception {
        byte[] wire = bytes(
                "08 08",                       // Response.type(1) = GET_STATE (8)
                "4a 3d",                       // Response.get_state(9), len 61
                "0a 16",                       //   GetState.get_tasks(1), len 22
                "12 14",                       //     GetTasks.tasks(2), len 20
                "0a 01", "'t",                 //       Task.name(1) = "t"
                "12 03", "0a 01", "'t",        //       Task.task_id(2) = {value "t"}
                "1a 03", "0a 01", "'f",        //       Task.framework_id(3) = {value "f"}
                "2a 03", "0a 01", "'a",        //       Task.agent_id(5) = {value "a"}
                "30 01",                       //       Task.state(6) = TASK_RUNNING (1)
                "1a 10",                       //   GetState.get_frameworks(3), len 16
                "0a 0e",                       //     GetFrameworks.frameworks(1), len 14
                "0a 06", "0a 01", "'u", "12 01", "'n", // Framework.framework_info(1) = {user "u", name "n"}
                "10 01",                       //       Framework.active(2) = true
                "18 01",                       //       Framework.connected(3) = true
                "58 00",                       //       Framework.recovered(11) = false
                "22 11",                       //   GetState.get_agents(4), len 17
                "0a 0f",                       //     GetAgents.agents(1), len 15
                "0a 03", "0a 01", "'h",        //       Agent.agent_info(1) = {hostname(1) "h"}
                "10 01",                       //       Agent.active(2) = true
                "1a 06", "'1.12.0");           //       Agent.version(3) = "1.12.0"
        Response response = Response.newBuilder().setType(Response.Type.GET_STATE)
                .setGetState(Response.GetState.newBuilder()
                        .setGetTasks(Response.GetTasks.newBuilder().addTasks(Task.newBuilder().setName("t")
                                .setTaskId(TaskID.newBuilder().setValue("t"))
                                .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                                .setAgentId(AgentID.newBuilder().setValue("a")).setState(TaskState.TASK_RUNNING)))
                        .setGetFrameworks(Response.GetFrameworks.newBuilder().addFrameworks(
                                Response.GetFrameworks.Framework.newBuilder()
                                        .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n"))
                                        .setActive(true).setConnected(true).setRecovered(false)))
                        .setGetAgents(Response.GetAgents.newBuilder().addAgents(Response.GetAgents.Agent.newBuilder()
                                .setAgentInfo(AgentInfo.newBuilder().setHostname("h")).setActive(true)
                                .setVersion("1.12.0"))))
                .build();

        assertThat(Response.parseFrom(wire)).isEqualTo(response);
        assertThat(response.toByteArray()).isEqualTo(wire);
        assertThat(Response.parseFrom(wire).getGetState().hasGetExecutors()).as("executors may be omitted").isFalse();
    }
}
