package io.mezzo.shell.internal.exec;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.util.List;

/** What {@link ExecRun} asks its driver to do next: scheduler calls, console output, the end. */
public sealed interface Step {

    /** Launch on this offer (ACCEPT with one LAUNCH operation). */
    record Accept(OfferID offer, Offer.Operation launch) implements Step {
    }

    /** DECLINE these offers, refusing the agents' resources for a while. */
    record Decline(List<OfferID> offers, double refuseSeconds) implements Step {
        public Decline {
            offers = List.copyOf(offers);
        }
    }

    /** ACKNOWLEDGE a status update (it carries a uuid). */
    record Acknowledge(TaskStatus status) implements Step {
    }

    /** A line for the console. */
    record Print(String line) implements Step {
    }

    /** The run is over. */
    record Finish(ExecOutcome outcome) implements Step {
    }
}
