package io.mezzo.shell.internal.exec;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.util.List;

/**
 * The scheduler calls an exec makes, each returning the HTTP status (202 = accepted). In the
 * console they go through {@code SchedulerClient}; tests record them.
 */
public interface SchedulerCalls {
    int accept(OfferID offer, Offer.Operation launch) throws IOException, InterruptedException;

    int decline(List<OfferID> offers, double refuseSeconds) throws IOException, InterruptedException;

    int acknowledge(TaskStatus status) throws IOException, InterruptedException;
}
