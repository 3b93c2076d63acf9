package io.mezzo.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulerCallValidatorTest {
    private static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw-1").build();
    private static final FrameworkInfo INFO = FrameworkInfo.newBuilder().setUser("u").setName("n").build();

    @Test
    void requiresType() {
        assertThat(SchedulerCallValidator.validate(Call.newBuilder().setFrameworkId(FW).build()))
                .contains("Expecting 'type' to be present");
    }

    @Test
    void subscribeNeedsItsSubMessageButNoFrameworkId() {
        Call bare = Call.newBuilder().setType(Call.Type.SUBSCRIBE).build();
        Call first = bare.toBuilder().setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO)).build();

        assertThat(SchedulerCallValidator.validate(bare)).contains("Expecting 'subscribe' to be present");
        assertThat(SchedulerCallValidator.validate(first)).isEmpty();
    }

    @Test
    void resubscribeNeedsMatchingFrameworkIds() {
        Call.Builder resubscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setFrameworkId(FW)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO.toBuilder().setId(FW)));

        assertThat(SchedulerCallValidator.validate(resubscribe.build())).isEmpty();
        assertThat(SchedulerCallValidator.validate(resubscribe.clearFrameworkId().build()))
                .contains("'framework_id' differs from 'subscribe.framework_info.id'");
    }

    @Test
    void subscribePrincipalMustMatchAuthenticatedOne() {
        Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(INFO.toBuilder().setPrincipal("alice"))).build();

        assertThat(SchedulerCallValidator.validate(call, Optional.of("alice"))).isEmpty();
        assertThat(SchedulerCallValidator.validate(call, Optional.of("bob"))).contains(
                "Authenticated principal 'bob' does not match principal 'alice' set in `FrameworkInfo`");
    }

    @ParameterizedTest
    @EnumSource(value = Call.Type.class, names = {"SUBSCRIBE", "UNKNOWN"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOtherCallNeedsFrameworkId(Call.Type type) {
        assertThat(SchedulerCallValidator.validate(Call.newBuilder().setType(type).build()))
                .contains("Expecting 'framework_id' to be present");
    }

    @ParameterizedTest
    @EnumSource(value = Call.Type.class, names = {"ACCEPT", "DECLINE", "KILL", "SHUTDOWN", "ACKNOWLEDGE",
        "RECONCILE", "MESSAGE", "REQUEST"})
    void callsNeedTheirSubMessage(Call.Type type) {
        String field = type.name().toLowerCase();

        assertThat(SchedulerCallValidator.validate(Call.newBuilder().setType(type).setFrameworkId(FW).build()))
                .contains("Expecting '" + field + "' to be present");
    }

    @ParameterizedTest
    @EnumSource(value = Call.Type.class, names = {"TEARDOWN", "REVIVE", "SUPPRESS"})
    void someCallsNeedNoSubMessage(Call.Type type) {
        assertThat(SchedulerCallValidator.validate(Call.newBuilder().setType(type).setFrameworkId(FW).build()))
                .isEmpty();
    }

    @Test
    void acknowledgeUuidMustBeSixteenBytes() {
        Call.Acknowledge.Builder ack = Call.Acknowledge.newBuilder()
                .setAgentId(AgentID.newBuilder().setValue("S1")).setTaskId(TaskID.newBuilder().setValue("t1"));
        Call.Builder call = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(FW);

        assertThat(SchedulerCallValidator.validate(call.setAcknowledge(
                ack.setUuid(ByteString.copyFromUtf8("jhadf73jhakdlfha723adf"))).build())).contains("Not a valid UUID");
        assertThat(SchedulerCallValidator.validate(call.setAcknowledge(
                ack.setUuid(ByteString.copyFrom(new byte[16]))).build())).isEmpty();
    }

    @Test
    void reportsMissingRequiredFieldsOfBuiltCalls() {
        Call call = Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(FW)
                .setKill(Call.Kill.newBuilder().buildPartial()).buildPartial();

        assertThat(SchedulerCallValidator.validate(call)).contains("Not initialized: kill.task_id");
    }
}
