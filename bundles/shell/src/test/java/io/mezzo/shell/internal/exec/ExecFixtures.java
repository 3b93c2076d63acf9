package io.mezzo.shell.internal.exec;

import com.google.protobuf.ByteString;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Duration;
import java.util.List;

/** Hand-built scheduler events, as the master sends them. */
final class ExecFixtures {
    static final ExecSpec SPEC = new ExecSpec("echo hi", 0.5, 64, "hello", Duration.ofSeconds(60));

    private ExecFixtures() {
    }

    static Event subscribed(String frameworkId) {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))).build();
    }

    static Offer offer(String id, String agent, String resources) {
        return Offer.newBuilder().setId(OfferID.newBuilder().setValue(id))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setAgentId(AgentID.newBuilder().setValue(agent)).setHostname(agent + ".example")
                .addAllResources(Resources.parse(resources).toProtos()).build();
    }

    static Event offers(Offer... offers) {
        return Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addAllOffers(List.of(offers))).build();
    }

    static TaskStatus status(String task, TaskState state, boolean withUuid) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task))
                .setState(state).setAgentId(AgentID.newBuilder().setValue("a1"));
        if (withUuid) {
            status.setUuid(ByteString.copyFromUtf8("0123456789abcdef"));
        }
        return status.build();
    }

    static Event update(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }

    static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message))
                .build();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }
}
