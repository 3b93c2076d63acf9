package io.mezzo.shell.internal.exec;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an {@link ExecRun} on the calling thread: takes signals from the queue the event stream
 * fills, carries out the steps (calls, console lines) and returns when the run finishes or the
 * deadline passes. Interrupting the thread (Ctrl-C in the console) ends it with
 * {@link InterruptedException}; the caller tears the framework down either way.
 */
public final class ExecDriver {
    private final ExecRun run;
    private final SchedulerCalls calls;
    private final Consumer<String> console;
    private final Clock clock;

    public ExecDriver(ExecRun run, SchedulerCalls calls, Consumer<String> console, Clock clock) {
        this.run = run;
        this.calls = calls;
        this.console = console;
        this.clock = clock;
    }

    public ExecOutcome drive(BlockingQueue<ExecSignal> signals, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            long remaining = Duration.between(clock.instant(), deadline).toMillis();
            ExecSignal signal = remaining > 0 ? signals.poll(remaining, TimeUnit.MILLISECONDS) : null;
            if (signal == null) {
                return run.timedOut(timeout);
            }
            List<Step> steps = signal instanceof ExecSignal.Received received
                    ? run.on(received.event())
                    : run.onStreamClosed(((ExecSignal.Closed) signal).cause());
            for (Step step : steps) {
                if (step instanceof Step.Finish finish) {
                    return finish.outcome();
                }
                perform(step);
            }
        }
    }

    private void perform(Step step) throws IOException, InterruptedException {
        if (step instanceof Step.Print print) {
            console.accept(print.line());
        } else if (step instanceof Step.Accept accept) {
            expectAccepted("ACCEPT", calls.accept(accept.offer(), accept.launch()));
        } else if (step instanceof Step.Decline decline) {
            expectAccepted("DECLINE", calls.decline(decline.offers(), decline.refuseSeconds()));
        } else if (step instanceof Step.Acknowledge ack) {
            expectAccepted("ACKNOWLEDGE", calls.acknowledge(ack.status()));
        }
    }

    private static void expectAccepted(String call, int status) throws IOException {
        if (status != 202) {
            throw new IOException("the master answered " + call + " with HTTP " + status);
        }
    }
}
