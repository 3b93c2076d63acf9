package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.util.List;

/** Builders for the scheduler events the master sends. */
final class SchedulerEvents {
    private SchedulerEvents() {
    }

    static Event subscribed(String frameworkId, double heartbeatSeconds, MasterInfo master) {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setHeartbeatIntervalSeconds(heartbeatSeconds).setMasterInfo(master)).build();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }

    static Event offers(List<Offer> offers) {
        return Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addAllOffers(offers)).build();
    }

    static Event rescind(String offerId) {
        return Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId))).build();
    }

    static Event update(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }

    static Event agentLost(String agentId) {
        return Event.newBuilder().setType(Event.Type.FAILURE)
                .setFailure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))).build();
    }

    static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message)).build();
    }

    static Event message(Event.Message message) {
        return Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(message).build();
    }
}
