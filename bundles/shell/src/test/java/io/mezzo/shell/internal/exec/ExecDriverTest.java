package io.mezzo.shell.internal.exec;

import static io.mezzo.shell.internal.exec.ExecFixtures.SPEC;
import static io.mezzo.shell.internal.exec.ExecFixtures.offer;
import static io.mezzo.shell.internal.exec.ExecFixtures.offers;
import static io.mezzo.shell.internal.exec.ExecFixtures.status;
import static io.mezzo.shell.internal.exec.ExecFixtures.subscribed;
import static io.mezzo.shell.internal.exec.ExecFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class ExecDriverTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final BlockingQueue<ExecSignal> signals = new LinkedBlockingQueue<>();
    private int acceptStatus = 202;

    /** Records the calls; answers 202 like a master that accepted them. */
    private final SchedulerCalls recorder = new SchedulerCalls() {
        @Override
        public int accept(OfferID offer, Offer.Operation launch) {
            calls.add("ACCEPT " + offer.getValue() + " " + launch.getLaunch().getTaskInfos(0).getTaskId().getValue());
            return acceptStatus;
        }

        @Override
        public int decline(List<OfferID> offers, double refuseSeconds) {
            calls.add("DECLINE " + offers.stream().map(OfferID::getValue).toList());
            return 202;
        }

        @Override
        public int acknowledge(TaskStatus status) {
            calls.add("ACKNOWLEDGE " + status.getState());
            return 202;
        }
    };

    private void receive(Event... events) {
        for (Event event : events) {
            signals.add(new ExecSignal.Received(event));
        }
    }

    private ExecDriver driver(Clock clock) {
        return new ExecDriver(new ExecRun(SPEC), recorder, console::add, clock);
    }

    @Test
    void aTaskThatFinishesRunsTheWholeConversation() throws Exception {
        receive(subscribed("f1"), offers(offer("o1", "a1", "cpus:1;mem:128"), offer("o2", "a2", "cpus:1;mem:128")),
                update(status("hello", TaskState.TASK_STARTING, true)),
                update(status("hello", TaskState.TASK_RUNNING, true)),
                update(status("hello", TaskState.TASK_FINISHED, true)));

        ExecOutcome outcome = driver(Clock.fixed(T0, ZoneOffset.UTC)).drive(signals, Duration.ofSeconds(60));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(calls).containsExactly("ACCEPT o1 hello", "DECLINE [o2]", "ACKNOWLEDGE TASK_STARTING",
                "ACKNOWLEDGE TASK_RUNNING", "ACKNOWLEDGE TASK_FINISHED");
        assertThat(console).containsExactly("Subscribed as framework f1; waiting for an offer of cpus:0.5;mem:64",
                "Launching task hello on agent a1.example (a1)", "TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    }

    @Test
    void theDeadlineEndsTheRunWithWhatItWaitedFor() throws Exception {
        receive(subscribed("f1"));
        // the first reading sets the deadline; by the second one it has passed
        Clock clock = new SteppingClock(T0, T0, T0.plusSeconds(60));

        ExecOutcome outcome = driver(clock).drive(signals, Duration.ofSeconds(60));

        assertThat(outcome.state()).isEmpty();
        assertThat(outcome.summary()).isEqualTo("Timed out after 60s waiting for an offer of cpus:0.5;mem:64");
        assertThat(outcome.frameworkId()).contains("f1");
    }

    @Test
    void aClosedStreamEndsTheRun() throws Exception {
        receive(subscribed("f1"));
        signals.add(new ExecSignal.Closed(Optional.of(new IOException("event stream ended"))));

        ExecOutcome outcome = driver(Clock.fixed(T0, ZoneOffset.UTC)).drive(signals, Duration.ofSeconds(60));

        assertThat(outcome.summary()).isEqualTo("Lost the connection to the master: event stream ended");
    }

    @Test
    void aRefusedAcceptIsAnError() {
        acceptStatus = 400;
        receive(subscribed("f1"), offers(offer("o1", "a1", "cpus:1;mem:128")));

        assertThatThrownBy(() -> driver(Clock.fixed(T0, ZoneOffset.UTC)).drive(signals, Duration.ofSeconds(60)))
                .isInstanceOf(IOException.class).hasMessage("the master answered ACCEPT with HTTP 400");
    }

    @Test
    void interruptionReachesTheCaller() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> driver(Clock.fixed(T0, ZoneOffset.UTC)).drive(signals, Duration.ofSeconds(60)))
                .isInstanceOf(InterruptedException.class);
    }

    /** Answers the given instants in turn, then stays at the last one. */
    private static final class SteppingClock extends Clock {
        private final List<Instant> instants;
        private int next;

        SteppingClock(Instant... instants) {
            this.instants = List.of(instants);
        }

        @Override
        public Instant instant() {
            Instant now = instants.get(Math.min(next, instants.size() - 1));
            next++;
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
