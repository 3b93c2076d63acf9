package io.mezzo.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.Protos.Value;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

    @Test
    void parsesDocSubscribeAndIgnoresUnknownFields() throws CodecException {
        String json = "{\n"
                + "   \"type\"\t\t: \"SUBSCRIBE\",\n"
                + "   \"subscribe\"\t: {\n"
                + "      \"framework_info\"\t: {\n"
                + "        \"user\" :  \"foo\",\n"
                + "        \"name\" :  \"Example HTTP Framework\",\n"
                + "        \"roles\": [\"test1\", \"test2\"],\n"
                + "        \"capabilities\" : [{\"type\": \"MULTI_ROLE\"}]\n"
                + "      },\n"
                + "      \"suppressed_roles\" : [\"test2\"],\n"
                + "      \"offer_constraints\" : { \"role_constraints\": {\"test1\": {\"groups\": []}} }\n"
                + "   }\n"
                + "}";

        Call call = JsonCodec.fromJson(json, Call.getDefaultInstance());

        assertThat(call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        assertThat(info.getUser()).isEqualTo("foo");
        assertThat(info.getName()).isEqualTo("Example HTTP Framework");
        assertThat(info.getRolesList()).containsExactly("test1", "test2");
        assertThat(info.getCapabilities(0).getType()).isEqualTo(FrameworkInfo.Capability.Type.MULTI_ROLE);
        assertThat(call.getSubscribe().getSuppressedRolesList()).containsExactly("test2");
    }

    @Test
    void writesSetFieldsAndNonDeprecatedDefaultsInDeclarationOrder() {
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("foo").setName("fw").build();

        // role has default "*" but is deprecated, so Mesos leaves it out; roles is empty.
        assertThat(JsonCodec.toJson(info))
                .isEqualTo("{\"user\":\"foo\",\"name\":\"fw\",\"failover_timeout\":0.0,\"checkpoint\":false}");
        assertThat(JsonCodec.toJson(CommandInfo.newBuilder().setValue("sleep 10")))
                .isEqualTo("{\"shell\":true,\"value\":\"sleep 10\"}");
        assertThat(JsonCodec.toJson(Filters.getDefaultInstance())).isEqualTo("{\"refuse_seconds\":5.0}");
    }

    @Test
    void writesEventsAsTheMasterDoes() {
        Event subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue("12220-3440-12532-2345"))
                        .setHeartbeatIntervalSeconds(15))
                .build();
        Event error = Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build();

        assertThat(JsonCodec.toJson(subscribed)).isEqualTo("{\"type\":\"SUBSCRIBED\",\"subscribed\":"
                + "{\"framework_id\":{\"value\":\"12220-3440-12532-2345\"},\"heartbeat_interval_seconds\":15.0}}");
        assertThat(JsonCodec.toJson(error))
                .isEqualTo("{\"type\":\"ERROR\",\"error\":{\"message\":\"Framework failed over\"}}");
        assertThat(JsonCodec.toJson(Event.newBuilder().setType(Event.Type.HEARTBEAT)))
                .isEqualTo("{\"type\":\"HEARTBEAT\"}");
    }

    @Test
    void rejectsMissingRequiredFieldsNamingTheirPath() {
        String json = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}";

        assertThatThrownBy(() -> JsonCodec.fromJson(json, Call.getDefaultInstance()))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_MESSAGE);
                    assertThat(e.getMessage()).isEqualTo("Missing required fields: subscribe.framework_info.user");
                    assertThat(e.describeFailureToDecode("Call")).isEqualTo(
                            "Failed to convert JSON into Call protobuf: "
                                    + "Missing required fields: subscribe.framework_info.user");
                });
    }

    @Test
    void namesRequiredFieldsInsideRepeatedMessages() {
        String json = "{\"type\":\"ACCEPT\",\"accept\":{\"operations\":[{\"type\":\"LAUNCH\",\"launch\":"
                + "{\"task_infos\":[{\"name\":\"t\",\"task_id\":{\"value\":\"1\"}}]}}]}}";

        assertThatThrownBy(() -> JsonCodec.fromJson(json, Call.getDefaultInstance()))
                .hasMessage("Missing required fields: accept.operations[0].launch.task_infos[0].agent_id");
    }

    @Test
    void dropsUnknownEnumNameInOptionalFieldButRejectsItInRequiredField() throws CodecException {
        Call call = JsonCodec.fromJson("{\"type\":\"FLY_TO_MOON\"}", Call.getDefaultInstance());
        assertThat(call.hasType()).isFalse();

        assertThatThrownBy(() -> JsonCodec.fromJson(
                "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_EXPLODED\"}", TaskStatus.getDefaultInstance()))
                .hasMessage("Failed to find enum for 'TASK_EXPLODED'");
    }

    @Test
    void treatsNullAsUnset() throws CodecException {
        Call call = JsonCodec.fromJson("{\"type\":null,\"framework_id\":null,\"subscribe\":null}",
                Call.getDefaultInstance());

        assertThat(call).isEqualTo(Call.getDefaultInstance());
    }

    @Test
    void bytesAreBase64BothWays() throws CodecException {
        byte[] uuid = new byte[16];
        for (int i = 0; i < uuid.length; i++) {
            uuid[i] = (byte) (i * 17);
        }
        Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder()
                        .setAgentId(AgentID.newBuilder().setValue("S1"))
                        .setTaskId(TaskID.newBuilder().setValue("t1"))
                        .setUuid(ByteString.copyFrom(uuid)))
                .build();

        String json = JsonCodec.toJson(ack);

        assertThat(json).contains("\"uuid\":\"" + Base64.getEncoder().encodeToString(uuid) + "\"");
        assertThat(JsonCodec.fromJson(json, Call.getDefaultInstance())).isEqualTo(ack);
    }

    @Test
    void acceptsUnpaddedBase64AsStoutDoes() throws CodecException {
        // The doc's example uuid: 22 characters, no padding, 16 bytes.
        Call call = JsonCodec.fromJson("{\"acknowledge\":{\"agent_id\":{\"value\":\"a\"},"
                + "\"task_id\":{\"value\":\"t\"},\"uuid\":\"jhadf73jhakdlfha723adf\"}}", Call.getDefaultInstance());

        assertThat(call.getAcknowledge().getUuid().size()).isEqualTo(16);
    }

    @Test
    void rejectsInvalidBase64() {
        assertThatThrownBy(() -> JsonCodec.fromJson("{\"acknowledge\":{\"agent_id\":{\"value\":\"a\"},"
                + "\"task_id\":{\"value\":\"t\"},\"uuid\":\"not base64!\"}}", Call.getDefaultInstance()))
                .hasMessageStartingWith("Failed to base64 decode bytes field 'uuid'");
    }

    @Test
    void keepsFull64BitIntegers() throws CodecException {
        // ranges are uint64: the top of the range must survive, as must a value above 2^53.
        Value.Range range = Value.Range.newBuilder().setBegin(9007199254740993L).setEnd(-1L).build();

        String json = JsonCodec.toJson(range);

        assertThat(json).isEqualTo("{\"begin\":9007199254740993,\"end\":18446744073709551615}");
        assertThat(JsonCodec.fromJson(json, Value.Range.getDefaultInstance())).isEqualTo(range);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"begin\":-1,\"end\":2}|Value -1 is out of range for field 'begin'",
        "{\"begin\":18446744073709551616,\"end\":2}|Value 18446744073709551616 is out of range for field 'begin'",
        "{\"begin\":\"x\",\"end\":2}|Failed to parse 'x' as a JSON number for field 'begin'",
        "{\"begin\":true,\"end\":2}|Not expecting a JSON boolean for field 'begin'",
        "{\"begin\":{},\"end\":2}|Not expecting a JSON object for field 'begin'",
        "{\"begin\":[1],\"end\":2}|Not expecting a JSON array for field 'begin'",
    })
    void rejectsValuesOfTheWrongKind(String json, String reason) {
        assertThatThrownBy(() -> JsonCodec.fromJson(json, Value.Range.getDefaultInstance()))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_MESSAGE))
                .hasMessage(reason);
    }

    @Test
    void rejectsEnumGivenAsNumber() {
        assertThatThrownBy(() -> JsonCodec.fromJson("{\"type\":1}", Call.getDefaultInstance()))
                .hasMessage("Not expecting a JSON number for field 'type'");
    }

    @Test
    void acceptsNumbersAndBooleansWrittenAsStrings() throws CodecException {
        assertThat(JsonCodec.fromJson("{\"refuse_seconds\":\"2.5\"}", Filters.getDefaultInstance())
                .getRefuseSeconds()).isEqualTo(2.5);
        assertThat(JsonCodec.fromJson("{\"refuse_seconds\":\"Infinity\"}", Filters.getDefaultInstance())
                .getRefuseSeconds()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(JsonCodec.fromJson("{\"shell\":\"false\"}", CommandInfo.getDefaultInstance())
                .getShell()).isFalse();
        assertThat(JsonCodec.fromJson("{\"begin\":\"7\",\"end\":8.9}", Value.Range.getDefaultInstance()))
                .isEqualTo(Value.Range.newBuilder().setBegin(7).setEnd(8).build()); // truncated as C++ does
    }

    @Test
    void acceptsSingleValueForRepeatedField() throws CodecException {
        Call.Revive revive = JsonCodec.fromJson("{\"roles\":\"r1\"}", Call.Revive.getDefaultInstance());

        assertThat(revive.getRolesList()).containsExactly("r1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "15|15.0",
        "0.1|0.1",
        "1470820172.32565|1470820172.32565",
        "1e21|1e21",
        "1.5e22|1.5e22",
        "1e20|100000000000000000000.0",
        "0.0001|0.0001",
        "0.000001|0.000001",
        "1e-7|1e-7",
        "1.25e-7|1.25e-7",
        "-2.5|-2.5",
        "0|0.0",
        "31536000|31536000.0",
    })
    void writesDoublesAsRapidJsonDoes(double value, String expected) {
        assertThat(JsonCodec.toJson(Filters.newBuilder().setRefuseSeconds(value)))
                .isEqualTo("{\"refuse_seconds\":" + expected + "}");
    }

    @Test
    void writesNonFiniteDoublesAsBareTokensAndReadsThemBack() throws CodecException {
        Filters infinite = Filters.newBuilder().setRefuseSeconds(Double.NEGATIVE_INFINITY).build();

        assertThat(JsonCodec.toJson(infinite)).isEqualTo("{\"refuse_seconds\":-Infinity}");
        assertThat(JsonCodec.fromJson(JsonCodec.toJson(infinite), Filters.getDefaultInstance())).isEqualTo(infinite);
    }

    @Test
    void escapesStringsAndKeepsUnicode() throws CodecException {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
                .setState(TaskState.TASK_FAILED).setMessage("quote \" slash \\ tab \t nl \n bell \u0007 é 🚀").build();

        String json = JsonCodec.toJson(status);

        assertThat(json).contains("\"message\":\"quote \\\" slash \\\\ tab \\t nl \\n bell \\u0007 é 🚀\"");
        assertThat(JsonCodec.fromJson(json, TaskStatus.getDefaultInstance())).isEqualTo(status);
        assertThat(JsonCodec.fromJson("{\"task_id\":{\"value\":\"\\u00e9\\ud83d\\ude80\\/\"},\"state\":\"TASK_LOST\"}",
                TaskStatus.getDefaultInstance()).getTaskId().getValue()).isEqualTo("é🚀/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":",
        "{\"type\":\"SUBSCRIBE\"",
        "{\"type\":\"SUBSCRIBE\",}",
        "{\"type\":'SUBSCRIBE'}",
        "{\"type\":\"SUBSCRIBE\"} trailing",
        "{\"framework_id\":{\"value\":01}}",
        "{\"x\":tru}",
        "{\"type\":\"a\u0001b\"}",
    })
    void rejectsMalformedJson(String json) {
        assertThatThrownBy(() -> JsonCodec.fromJson(json, Call.getDefaultInstance()))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.MALFORMED_JSON));
    }

    @Test
    void rejectsTopLevelNonObject() {
        assertThatThrownBy(() -> JsonCodec.fromJson("[]", Call.getDefaultInstance()))
                .hasMessage("Expecting a JSON object");
        assertThatThrownBy(() -> JsonCodec.fromJson("", Call.getDefaultInstance()))
                .hasMessage("Expecting a JSON object");
    }

    @Test
    void reportsSyntaxErrorEvenAfterAnEarlierConversionError() {
        // Mesos parses the JSON first, so a broken tail wins over a bad value before it.
        assertThatThrownBy(() -> JsonCodec.fromJson("{\"type\":1, \"x\": [}", Call.getDefaultInstance()))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.MALFORMED_JSON));
    }

    @Test
    void rejectsHostileNestingWithoutStackOverflow() {
        String deep = "{\"unknown\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> JsonCodec.fromJson(deep, Call.getDefaultInstance()))
                .hasMessageContaining("nesting deeper than");
    }

    @Test
    void decodesDocOffersEventWithAttributes() throws CodecException {
        String json = "{\"type\":\"OFFERS\",\"offers\":{\"offers\":[{\"allocation_info\":{\"role\":\"engineering\"},"
                + "\"id\":{\"value\":\"12214-23523-O235235\"},\"framework_id\":{\"value\":\"12124-235325-32425\"},"
                + "\"agent_id\":{\"value\":\"12325-23523-S23523\"},\"hostname\":\"agent.host\","
                + "\"resources\":[{\"allocation_info\":{\"role\":\"engineering\"},\"name\":\"cpus\",\"type\":\"SCALAR\","
                + "\"scalar\":{\"value\":2},\"role\":\"*\"}],"
                + "\"attributes\":[{\"name\":\"os\",\"type\":\"TEXT\",\"text\":{\"value\":\"ubuntu16.04\"}}],"
                + "\"executor_ids\":[{\"value\":\"12214-23523-my-executor\"}]}]}}";

        Event event = JsonCodec.fromJson(json, Event.getDefaultInstance());

        Offer offer = event.getOffers().getOffers(0);
        assertThat(offer.getHostname()).isEqualTo("agent.host");
        assertThat(offer.getResources(0).getScalar().getValue()).isEqualTo(2.0);
        assertThat(offer.getAttributes(0).getText().getValue()).isEqualTo("ubuntu16.04");
        assertThat(offer.getAllocationInfo().getRole()).isEqualTo("engineering");
        // and back: the same JSON reads back into the same message
        assertThat(JsonCodec.fromJson(JsonCodec.toJson(event), Event.getDefaultInstance())).isEqualTo(event);
    }
}
