package io.mezzo.shell.internal.exec;

import static io.mezzo.shell.internal.exec.ExecFixtures.SPEC;
import static io.mezzo.shell.internal.exec.ExecFixtures.error;
import static io.mezzo.shell.internal.exec.ExecFixtures.offer;
import static io.mezzo.shell.internal.exec.ExecFixtures.offers;
import static io.mezzo.shell.internal.exec.ExecFixtures.status;
import static io.mezzo.shell.internal.exec.ExecFixtures.subscribed;
import static io.mezzo.shell.internal.exec.ExecFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecRunTest {
    private final ExecRun run = new ExecRun(SPEC);

    private static OfferID id(String value) {
        return OfferID.newBuilder().setValue(value).build();
    }

    @Test
    void launchesOnTheFirstFittingOfferAndDeclinesTheRest() {
        run.on(subscribed("f1"));
        // o1 is too small in mem (32 < 64); o2 fits; o3 fits too but the task is already placed
        List<Step> steps = run.on(offers(offer("o1", "a0", "cpus:4;mem:32"), offer("o2", "a1", "cpus:1;mem:128"),
                offer("o3", "a2", "cpus:8;mem:8192")));

        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).isEqualTo(new Step.Print("Launching task hello on agent a1.example (a1)"));
        Step.Accept accept = (Step.Accept) steps.get(1);
        assertThat(accept.offer()).isEqualTo(id("o2"));
        assertThat(accept.launch().getType()).isEqualTo(Offer.Operation.Type.LAUNCH);
        TaskInfo task = accept.launch().getLaunch().getTaskInfos(0);
        assertThat(task.getTaskId().getValue()).isEqualTo("hello");
        assertThat(task.getAgentId().getValue()).isEqualTo("a1");
        assertThat(task.getCommand().getShell()).isTrue();
        assertThat(task.getCommand().getValue()).isEqualTo("echo hi");
        assertThat(Resources.fromProtos(task.getResourcesList())).isEqualTo(Resources.parse("cpus:0.5;mem:64"));
        assertThat(steps.get(2)).isEqualTo(new Step.Decline(List.of(id("o1"), id("o3")),
                ExecRun.REFUSE_AFTER_LAUNCH_SECONDS));
        assertThat(run.agentId()).contains("a1");
    }

    @Test
    void offersThatDoNotFitAreDeclinedBrieflyAndLaterOnesStillConsidered() {
        run.on(subscribed("f1"));
        assertThat(run.on(offers(offer("o1", "a1", "cpus:0.1;mem:4096"))))
                .containsExactly(new Step.Decline(List.of(id("o1")), ExecRun.REFUSE_WHILE_WAITING_SECONDS));
        assertThat(run.on(offers(offer("o2", "a1", "cpus:1;mem:4096")))).hasAtLeastOneElementOfType(Step.Accept.class);
    }

    @Test
    void reservedResourcesDoNotCountForTheDefaultRole() {
        run.on(subscribed("f1"));
        assertThat(run.on(offers(offer("o1", "a1", "cpus(web):4;mem(web):4096"))))
                .noneMatch(step -> step instanceof Step.Accept);
    }

    @Test
    void offersAfterTheLaunchAreDeclinedForLong() {
        run.on(subscribed("f1"));
        run.on(offers(offer("o1", "a1", "cpus:1;mem:128")));
        assertThat(run.on(offers(offer("o2", "a1", "cpus:1;mem:128"))))
                .containsExactly(new Step.Decline(List.of(id("o2")), ExecRun.REFUSE_AFTER_LAUNCH_SECONDS));
    }

    @Test
    void printsEachStateChangeOnceAcknowledgesEveryUpdateWithAUuidAndEndsOnATerminalState() {
        run.on(subscribed("f1"));
        run.on(offers(offer("o1", "a1", "cpus:1;mem:128")));
        TaskStatus starting = status("hello", TaskState.TASK_STARTING, true);
        TaskStatus running = status("hello", TaskState.TASK_RUNNING, true);
        TaskStatus finished = status("hello", TaskState.TASK_FINISHED, true).toBuilder()
                .setMessage("Command exited with status 0").build();

        assertThat(run.on(update(starting))).containsExactly(new Step.Print("TASK_STARTING"),
                new Step.Acknowledge(starting));
        assertThat(run.on(update(running))).containsExactly(new Step.Print("TASK_RUNNING"),
                new Step.Acknowledge(running));
        // a retried update (at-least-once) is acknowledged again but not printed again
        assertThat(run.on(update(running))).containsExactly(new Step.Acknowledge(running));
        List<Step> end = run.on(update(finished));

        assertThat(end).hasSize(3);
        assertThat(end.get(0)).isEqualTo(new Step.Print("TASK_FINISHED: Command exited with status 0"));
        assertThat(end.get(1)).isEqualTo(new Step.Acknowledge(finished));
        ExecOutcome outcome = ((Step.Finish) end.get(2)).outcome();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome).isEqualTo(new ExecOutcome(Optional.of("TASK_FINISHED"),
                "Task hello TASK_FINISHED: Command exited with status 0", Optional.of("a1"), Optional.of("f1")));
        assertThat(run.isDone()).isTrue();
        assertThat(run.on(update(finished))).isEmpty();
    }

    @Test
    void anUpdateWithoutUuidNeedsNoAcknowledgement() {
        run.on(subscribed("f1"));
        assertThat(run.on(update(status("hello", TaskState.TASK_RUNNING, false))))
                .containsExactly(new Step.Print("TASK_RUNNING"));
    }

    @Test
    void aFailedTaskIsAnUnsuccessfulOutcome() {
        run.on(subscribed("f1"));
        run.on(offers(offer("o1", "a1", "cpus:1;mem:128")));
        List<Step> steps = run.on(update(status("hello", TaskState.TASK_FAILED, true).toBuilder()
                .setMessage("Command exited with status 3").build()));

        ExecOutcome outcome = ((Step.Finish) steps.get(steps.size() - 1)).outcome();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.summary()).isEqualTo("Task hello TASK_FAILED: Command exited with status 3");
    }

    @Test
    void aMasterErrorOrALostStreamEndsTheRun() {
        run.on(subscribed("f1"));
        assertThat(run.on(error("Framework has been removed"))).containsExactly(new Step.Finish(
                new ExecOutcome(Optional.empty(), "The master ended the framework: Framework has been removed",
                        Optional.empty(), Optional.of("f1"))));

        ExecRun other = new ExecRun(SPEC);
        other.on(subscribed("f2"));
        other.on(update(status("hello", TaskState.TASK_RUNNING, false)));
        List<Step> steps = other.onStreamClosed(Optional.of(new IOException("connection reset")));
        assertThat(((Step.Finish) steps.get(0)).outcome().summary())
                .isEqualTo("Lost the connection to the master: connection reset (task was TASK_RUNNING)");
    }

    @Test
    void heartbeatsChangeNothing() {
        run.on(subscribed("f1"));
        assertThat(run.on(ExecFixtures.heartbeat())).isEmpty();
        assertThat(run.isDone()).isFalse();
    }

    @Test
    void aTimeoutSaysWhatItWasWaitingFor() {
        assertThat(new ExecRun(SPEC).timedOut(Duration.ofSeconds(5)).summary())
                .isEqualTo("Timed out after 5s waiting for the subscription");
        run.on(subscribed("f1"));
        assertThat(run.timedOut(Duration.ofSeconds(60)).summary())
                .isEqualTo("Timed out after 60s waiting for an offer of cpus:0.5;mem:64");
    }
}
