package io.mezzo.shell.internal.exec;

import io.mezzo.api.client.SchedulerClient;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.util.List;

/** {@link SchedulerCalls} over a real subscription. */
public final class ClientSchedulerCalls implements SchedulerCalls {
    private final SchedulerClient client;

    public ClientSchedulerCalls(SchedulerClient client) {
        this.client = client;
    }

    @Override
    public int accept(OfferID offer, Offer.Operation launch) throws IOException, InterruptedException {
        // what the task leaves of the offer is refused like any later offer: we need nothing more
        return client.accept(List.of(offer), List.of(launch),
                Filters.newBuilder().setRefuseSeconds(ExecRun.REFUSE_AFTER_LAUNCH_SECONDS).build());
    }

    @Override
    public int decline(List<OfferID> offers, double refuseSeconds) throws IOException, InterruptedException {
        return client.decline(offers, Filters.newBuilder().setRefuseSeconds(refuseSeconds).build());
    }

    @Override
    public int acknowledge(TaskStatus status) throws IOException, InterruptedException {
        return client.acknowledge(status);
    }
}
