package io.mezzo.master.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.agent.AgentProtocol;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentCallValidationTest {

    private static AgentCall.Update update(String framework, String task) {
        return AgentCall.Update.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(framework))
                .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task))
                        .setState(TaskState.TASK_RUNNING).setUuid(ByteString.copyFrom(new byte[16]))).build();
    }

    private static AgentCall.Builder updateCall() {
        return AgentCall.newBuilder().setType(AgentCall.Type.UPDATE).setAgentId(AgentID.newBuilder().setValue("a"));
    }

    private static AgentCall.Builder withUpdates(int count) {
        AgentCall.Builder call = updateCall();
        for (int i = 0; i < count; i++) {
            call.addUpdates(update("f", "t" + i));
        }
        return call;
    }

    @Test
    void anUpdateCallNeedsAtLeastOneUpdate() {
        assertThat(AgentCallValidation.validate(updateCall().build()))
                .contains("Expecting 'update' or 'updates' to be present");
        assertThat(AgentCallValidation.validate(updateCall().setUpdate(update("f", "t")).build())).isEmpty();
        assertThat(AgentCallValidation.validate(withUpdates(1).build())).isEmpty();
    }

    @Test
    void aBatchIsLimitedInSize() {
        int max = AgentProtocol.MAX_UPDATES_PER_CALL;
        assertThat(AgentCallValidation.validate(withUpdates(max).build())).isEmpty();
        assertThat(AgentCallValidation.validate(withUpdates(max + 1).build()))
                .contains("Too many updates in one call: " + (max + 1) + " > " + max);
        // the single field of older agents counts too
        assertThat(AgentCallValidation.validate(withUpdates(max).setUpdate(update("f", "x")).build())).isPresent();
    }

    @Test
    void oneMalformedUpdateRefusesTheWholeBatch() {
        Optional<String> invalid = AgentCallValidation.validate(withUpdates(3).addUpdates(update("", "t9")).build());
        assertThat(invalid).contains("Expecting every update to name its framework and task");
        assertThat(AgentCallValidation.validate(withUpdates(3).addUpdates(update("f", "")).build())).isPresent();
    }
}
