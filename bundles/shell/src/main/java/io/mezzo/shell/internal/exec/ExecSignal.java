package io.mezzo.shell.internal.exec;

import io.mezzo.api.v1.scheduler.Protos.Event;
import java.util.Optional;

/**
 * What the HTTP client's threads hand to the exec's own thread through a queue: an event, or the
 * end of the stream. The queue is what keeps {@link ExecRun} single-threaded.
 */
public sealed interface ExecSignal {

    record Received(Event event) implements ExecSignal {
    }

    record Closed(Optional<Throwable> cause) implements ExecSignal {
    }
}
