package io.mezzo.api.wire;

import static io.mezzo.api.wire.WireFixtures.UUID_HEX;
import static io.mezzo.api.wire.WireFixtures.bytes;
import static io.mezzo.api.wire.WireFixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.Attribute;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.Protos.Value;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/**
 * Bytes as a client compiled against the official Mesos v1 protos writes and reads them, built
 * by hand from the official field numbers and wire types (tag = field << 3 | wire type; wire
 * type 0 varint, 1 fixed64, 2 length-delimited). Each fixture is decoded into our messages and
 * our encoding of the same values must give the same bytes (protobuf writes fields in number
 * order, as the fixtures are laid out).
 */
class SchedulerWireCompatibilityTest {
    private static final Resource CPUS_1 = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
            .setScalar(Value.Scalar.newBuilder().setValue(1.0)).build();
    // Resource{name(1)="cpus", type(2)=SCALAR(0), scalar(3){value(1)=1.0}}: 19 bytes
    private static final String[] CPUS_1_BYTES = {
        "0a 04", "'cpus",                      // name(1), len 4
        "10 00",                               // type(2) = SCALAR (0), set explicitly so it is encoded
        "1a 09", "09 00 00 00 00 00 00 f0 3f", // scalar(3), len 9: value(1) fixed64 double 1.0
    };

    @Test
    void subscribe() throws Exception {
        byte[] wire = bytes(
                "10 01",                       // Call.type(2) = SUBSCRIBE (1)
                "1a 13",                       // Call.subscribe(3), len 19
                "0a 11",                       //   Subscribe.framework_info(1), len 17
                "0a 03", "'foo",               //     FrameworkInfo.user(1) = "foo"
                "12 02", "'fw",                //     FrameworkInfo.name(2) = "fw"
                "52 02", "08 06",              //     capabilities(10), len 2: Capability.type(1) = MULTI_ROLE (6)
                "62 02", "'r1");               //     roles(12) = "r1"
        Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
                        .setUser("foo").setName("fw").addRoles("r1")
                        .addCapabilities(FrameworkInfo.Capability.newBuilder()
                                .setType(FrameworkInfo.Capability.Type.MULTI_ROLE))))
                .build();

        assertThat(Call.parseFrom(wire)).isEqualTo(call);
        assertThat(call.toByteArray()).isEqualTo(wire);
    }

    @Test
    void acceptWithLaunch() throws Exception {
        byte[] wire = bytes(
                "0a 03", "0a 01", "'f",        // Call.framework_id(1), len 3: FrameworkID.value(1) = "f"
                "10 03",                       // Call.type(2) = ACCEPT (3)
                "22 57",                       // Call.accept(4), len 87
                "0a 03", "0a 01", "'o",        //   Accept.offer_ids(1): OfferID.value(1) = "o"
                "12 45",                       //   Accept.operations(2), len 69
                "08 01",                       //     Operation.type(1) = LAUNCH (1)
                "12 41",                       //     Operation.launch(2), len 65
                "0a 3f",                       //       Launch.task_infos(1), len 63
                "0a 01", "'t",                 //         TaskInfo.name(1) = "t"
                "12 03", "0a 01", "'t",        //         TaskInfo.task_id(2) = {value "t"}
                "1a 03", "0a 01", "'a",        //         TaskInfo.agent_id(3) = {value "a"}
                "22 13")                       //         TaskInfo.resources(4), len 19: cpus 1.0
                ;
        wire = concat(wire, bytes(CPUS_1_BYTES), bytes(
                "22 15",                       //         TaskInfo.resources(4), len 21
                "0a 05", "'ports",             //           Resource.name(1) = "ports"
                "10 01",                       //           Resource.type(2) = RANGES (1)
                "22 0a",                       //           Resource.ranges(4), len 10
                "0a 08",                       //             Ranges.range(1), len 8
                "08 98 f2 01",                 //               Range.begin(1) varint 31000
                "10 99 f2 01",                 //               Range.end(2) varint 31001
                "3a 04", "1a 02", "'ls",       //         TaskInfo.command(7), len 4: CommandInfo.value(3) = "ls"
                "1a 09",                       //   Accept.filters(3), len 9
                "09 00 00 00 00 00 00 14 40"));//     Filters.refuse_seconds(1) fixed64 double 5.0
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
                .setAgentId(AgentID.newBuilder().setValue("a"))
                .addResources(CPUS_1)
                .addResources(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(31001))))
                .setCommand(CommandInfo.newBuilder().setValue("ls")).build();
        Call call = Call.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("f")).setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder().addOfferIds(OfferID.newBuilder().setValue("o"))
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)))
                        .setFilters(Filters.newBuilder().setRefuseSeconds(5.0)))
                .build();

        Call decoded = Call.parseFrom(wire);
        assertThat(decoded).isEqualTo(call);
        assertThat(decoded.getAccept().getOperations(0).getLaunch().getTaskInfos(0).getCommand().getShell())
                .as("unset shell reads as its default").isTrue();
        assertThat(call.toByteArray()).isEqualTo(wire);
    }

    @Test
    void acknowledge() throws Exception {
        byte[] wire = bytes(
                "0a 03", "0a 01", "'f",        // Call.framework_id(1) = {value "f"}
                "10 08",                       // Call.type(2) = ACKNOWLEDGE (8)
                "42 1c",                       // Call.acknowledge(8), len 28
                "0a 03", "0a 01", "'a",        //   Acknowledge.agent_id(1) = {value "a"}
                "12 03", "0a 01", "'t",        //   Acknowledge.task_id(2) = {value "t"}
                "1a 10", UUID_HEX);            //   Acknowledge.uuid(3), 16 raw bytes
        Call call = Call.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                .setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(AgentID.newBuilder().setValue("a"))
                        .setTaskId(TaskID.newBuilder().setValue("t")).setUuid(ByteString.copyFrom(uuid())))
                .build();

        assertThat(Call.parseFrom(wire)).isEqualTo(call);
        assertThat(call.toByteArray()).isEqualTo(wire);
    }

    @Test
    void subscribedEvent() throws Exception {
        byte[] wire = bytes(
                "08 01",                       // Event.type(1) = SUBSCRIBED (1)
                "12 0e",                       // Event.subscribed(2), len 14
                "0a 03", "0a 01", "'f",        //   Subscribed.framework_id(1) = {value "f"}
                "11 00 00 00 00 00 00 2e 40"); //   Subscribed.heartbeat_interval_seconds(2) fixed64 double 15.0
        Event event = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                        .setHeartbeatIntervalSeconds(15.0))
                .build();

        assertThat(Event.parseFrom(wire)).isEqualTo(event);
        assertThat(event.toByteArray()).isEqualTo(wire);
    }

    @Test
    void offersEvent() throws Exception {
        byte[] wire = concat(bytes(
                "08 02",                       // Event.type(1) = OFFERS (2)
                "1a 3a",                       // Event.offers(3), len 58
                "0a 38",                       //   Offers.offers(1), len 56
                "0a 03", "0a 01", "'o",        //     Offer.id(1) = {value "o"}
                "12 03", "0a 01", "'f",        //     Offer.framework_id(2) = {value "f"}
                "1a 03", "0a 01", "'a",        //     Offer.agent_id(3) = {value "a"}
                "22 01", "'h",                 //     Offer.hostname(4) = "h"
                "2a 13"),                      //     Offer.resources(5), len 19: cpus 1.0
                bytes(CPUS_1_BYTES), bytes(
                "3a 0f",                       //     Offer.attributes(7), len 15
                "0a 02", "'os",                //       Attribute.name(1) = "os"
                "10 03",                       //       Attribute.type(2) = TEXT (3)
                "2a 07", "0a 05", "'linux"));  //       Attribute.text(5), len 7: Text.value(1) = "linux"
        Offer offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("o"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f")).setAgentId(AgentID.newBuilder().setValue("a"))
                .setHostname("h").addResources(CPUS_1)
                .addAttributes(Attribute.newBuilder().setName("os").setType(Value.Type.TEXT)
                        .setText(Value.Text.newBuilder().setValue("linux")))
                .build();
        Event event = Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addOffers(offer)).build();

        assertThat(Event.parseFrom(wire)).isEqualTo(event);
        assertThat(event.toByteArray()).isEqualTo(wire);
    }

    @Test
    void updateEvent() throws Exception {
        byte[] wire = bytes(
                "08 04",                       // Event.type(1) = UPDATE (4)
                "2a 28",                       // Event.update(5), len 40
                "0a 26",                       //   Update.status(1), len 38
                "0a 03", "0a 01", "'t",        //     TaskStatus.task_id(1) = {value "t"}
                "10 01",                       //     TaskStatus.state(2) = TASK_RUNNING (1)
                "31 00 00 20 d3 bb ea d5 41",  //     TaskStatus.timestamp(6) fixed64 double 1470820172.5
                "48 02",                       //     TaskStatus.source(9) = SOURCE_EXECUTOR (2)
                "50 09",                       //     TaskStatus.reason(10) = REASON_RECONCILIATION (9)
                "5a 10", UUID_HEX);            //     TaskStatus.uuid(11), 16 raw bytes
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
                .setState(TaskState.TASK_RUNNING).setTimestamp(1470820172.5)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setUuid(ByteString.copyFrom(uuid())).build();
        Event event = Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status)).build();

        assertThat(Event.parseFrom(wire)).isEqualTo(event);
        assertThat(event.toByteArray()).isEqualTo(wire);
    }

    @Test
    void fieldsWeDoNotModelSurviveAsUnknownFields() throws Exception {
        // Event.update_operation_status(11) is official but not modelled: a relay must not drop it.
        byte[] wire = bytes("08 0b", "5a 02", "0a 00"); // type(1) = 11, field 11 len 2: {field 1 len 0}
        Event event = Event.parseFrom(wire);

        assertThat(event.getType()).as("every official type value is known").isEqualTo(Event.Type.UPDATE_OPERATION_STATUS);
        assertThat(event.getUnknownFields().hasField(11)).isTrue();
        assertThat(event.toByteArray()).isEqualTo(wire);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
