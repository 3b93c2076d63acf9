package io.mezzo.shell.internal.exec;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.shell.internal.TaskStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exec state machine, as a scheduler sees it: subscribed → waiting for an offer that fits →
 * launched → done. It turns each event into {@link Step}s and does no I/O, so the whole protocol
 * is testable by feeding events. One thread at a time (the driver's).
 *
 * <p>Rules: the first fitting offer gets the task and every other offer is declined; offers
 * after the launch are declined for an hour (this framework wants nothing more); every update
 * with a uuid is acknowledged, including repeats (updates are at-least-once); a state is printed
 * when it changes; a terminal state of our task, a master ERROR or a lost stream ends the run.
 */
public final class ExecRun {
    /** Long enough that the allocator stops offering to us while the task runs. */
    static final double REFUSE_AFTER_LAUNCH_SECONDS = 3600;
    /** Short, so an agent that frees resources soon is offered to us again. */
    static final double REFUSE_WHILE_WAITING_SECONDS = 1;

    private enum Phase { SUBSCRIBING, WAITING_FOR_OFFER, LAUNCHED, DONE }

    private final ExecSpec spec;
    private Phase phase = Phase.SUBSCRIBING;
    private Optional<String> frameworkId = Optional.empty();
    private Optional<String> agentId = Optional.empty();
    private Optional<String> lastState = Optional.empty();

    public ExecRun(ExecSpec spec) {
        this.spec = spec;
    }

    public List<Step> on(Event event) {
        if (phase == Phase.DONE) {
            return List.of();
        }
        switch (event.getType()) {
            case SUBSCRIBED:
                frameworkId = Optional.of(event.getSubscribed().getFrameworkId().getValue());
                phase = Phase.WAITING_FOR_OFFER;
                return List.of(new Step.Print("Subscribed as framework " + frameworkId.get()
                        + "; waiting for an offer of " + spec.resources()));
            case OFFERS:
                return onOffers(event.getOffers().getOffersList());
            case UPDATE:
                return onUpdate(event.getUpdate().getStatus());
            case ERROR:
                return finish(Optional.empty(), "The master ended the framework: " + event.getError().getMessage());
            default:
                // HEARTBEAT, RESCIND (we keep no offers), MESSAGE, FAILURE: nothing to do
                return List.of();
        }
    }

    /** The event stream ended before the task did. */
    public List<Step> onStreamClosed(Optional<Throwable> cause) {
        if (phase == Phase.DONE) {
            return List.of();
        }
        return finish(Optional.empty(), "Lost the connection to the master"
                + cause.map(c -> ": " + c.getMessage()).orElse("") + lastStateSuffix());
    }

    /** What to tell the operator when the time is up, depending on how far we got. */
    public ExecOutcome timedOut(Duration timeout) {
        String waitingFor = switch (phase) {
            case SUBSCRIBING -> "for the subscription";
            case WAITING_FOR_OFFER -> "for an offer of " + spec.resources();
            default -> "for task " + spec.name() + " to end";
        };
        phase = Phase.DONE;
        return outcome(Optional.empty(), "Timed out after " + timeout.toSeconds() + "s waiting " + waitingFor
                + lastStateSuffix());
    }

    public Optional<String> frameworkId() {
        return frameworkId;
    }

    public Optional<String> agentId() {
        return agentId;
    }

    /** The task's latest state, once the agent reported one. */
    public Optional<String> lastState() {
        return lastState;
    }

    public boolean isDone() {
        return phase == Phase.DONE;
    }

    private List<Step> onOffers(List<Offer> offers) {
        List<Step> steps = new ArrayList<>();
        List<Offer> rest = new ArrayList<>(offers);
        if (phase == Phase.WAITING_FOR_OFFER) {
            Optional<Offer> chosen = OfferMatcher.firstFitting(offers, spec.resources());
            if (chosen.isPresent()) {
                Offer offer = chosen.get();
                rest.remove(offer);
                agentId = Optional.of(offer.getAgentId().getValue());
                phase = Phase.LAUNCHED;
                steps.add(new Step.Print("Launching task " + spec.name() + " on agent " + offer.getHostname()
                        + " (" + offer.getAgentId().getValue() + ")"));
                steps.add(new Step.Accept(offer.getId(), Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.LAUNCH)
                        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(spec.task(offer.getAgentId())))
                        .build()));
            }
        }
        if (!rest.isEmpty()) {
            List<OfferID> ids = rest.stream().map(Offer::getId).toList();
            steps.add(new Step.Decline(ids, phase == Phase.LAUNCHED
                    ? REFUSE_AFTER_LAUNCH_SECONDS : REFUSE_WHILE_WAITING_SECONDS));
        }
        return steps;
    }

    private List<Step> onUpdate(TaskStatus status) {
        List<Step> steps = new ArrayList<>();
        boolean ours = status.getTaskId().getValue().equals(spec.name());
        String state = status.getState().name();
        if (ours && !lastState.equals(Optional.of(state))) {
            lastState = Optional.of(state);
            steps.add(new Step.Print(state + (status.getMessage().isEmpty() ? "" : ": " + status.getMessage())));
        }
        if (status.hasUuid()) {
            steps.add(new Step.Acknowledge(status));
        }
        if (ours && TaskStates.isTerminal(state)) {
            if (status.hasAgentId()) {
                agentId = Optional.of(status.getAgentId().getValue());
            }
            steps.addAll(finish(Optional.of(state), "Task " + spec.name() + " " + state
                    + (status.getMessage().isEmpty() ? "" : ": " + status.getMessage())));
        }
        return steps;
    }

    private List<Step> finish(Optional<String> state, String summary) {
        phase = Phase.DONE;
        return List.of(new Step.Finish(outcome(state, summary)));
    }

    private ExecOutcome outcome(Optional<String> state, String summary) {
        return new ExecOutcome(state, summary, agentId, frameworkId);
    }

    private String lastStateSuffix() {
        return lastState.map(s -> " (task was " + s + ")").orElse("");
    }
}
