package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static io.mezzo.master.internal.core.MasterHarness.updates;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.api.resources.Resources;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfferCycleTest {
    private final MasterHarness h = new MasterHarness();

    @Test
    void subscribeSendsSubscribedThenHeartbeat() {
        FakeStream<Event> fw = h.framework("a");
        assertThat(fw.events).extracting(Event::getType).containsExactly(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT);
        assertThat(fw.events.get(0).getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
    }

    @Test
    void anAgentIsOfferedToOneFrameworkOnlyAtATime() {
        h.agent(4, 4096);
        FakeStream<Event> a = h.framework("a");
        FakeStream<Event> b = h.framework("b");
        h.allocate();
        h.allocate();
        // one agent, two frameworks: exactly one offer, never the same resources twice
        assertThat(offers(a).size() + offers(b).size()).isEqualTo(1);
    }

    @Test
    void acceptReturnsTheUnusedRemainderToThePoolAtOnce() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        Offer offer = offers(fw).get(0);
        // task 1 = 2 cpus 1 GB, task 2 = 1 cpu 2 GB → 1 cpu, 1 GB left (DESIGN.md §3)
        CallOutcome out = h.call(fw, launch(offer, 0, task("t1", agentId(agent), 2, 1024),
                task("t2", agentId(agent), 1, 2048)));
        assertThat(out).isEqualTo(CallOutcome.ACCEPTED);
        assertThat(agent.events).filteredOn(e -> e.getType() == AgentEvent.Type.RUN_TASK).hasSize(2);
        h.allocate();
        assertThat(offers(fw)).hasSize(2);
        assertThat(Resources.fromProtos(offers(fw).get(1).getResourcesList())).isEqualTo(Resources.parse("cpus:1;mem:1024"));
    }

    @Test
    void acceptFiltersTheRemainderForRefuseSeconds() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 10, task("t1", agentId(agent), 1, 128)));
        h.allocate();
        assertThat(offers(fw)).hasSize(1);
        h.clock.advance(Duration.ofSeconds(10));
        h.allocate();
        assertThat(offers(fw)).hasSize(2);
    }

    @Test
    void declineFilterExpiresAfterRefuseSeconds() {
        h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.call(fw, Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offers(fw).get(0).getId())
                .setFilters(io.mezzo.api.v1.Protos.Filters.newBuilder().setRefuseSeconds(2))));
        h.clock.advance(Duration.ofMillis(900));
        h.master.tick();
        assertThat(offers(fw)).hasSize(1);
        h.clock.advance(Duration.ofMillis(1100));
        h.master.tick();
        assertThat(offers(fw)).hasSize(2);
    }

    @Test
    void twoOffersOnOneAgentDeclinedTogetherComeBackAsOneAfterTheFilter() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.call(fw, launch(offers(fw).get(0), 0, task("t", agentId(agent), 1, 1024)));
        h.master.tick();
        // the task ends while the framework still holds the remainder: a second offer on the same agent
        h.agentUpdate(agent, frameworkId(fw), "t", TaskState.TASK_FINISHED, MasterHarness.uuid());
        h.master.tick();
        assertThat(offers(fw)).hasSize(3);
        // the second DECLINE renews the filter the first one set; the later expiry ends it
        for (Offer held : offers(fw).subList(1, 3)) {
            h.call(fw, Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                    .addOfferIds(held.getId()).setFilters(io.mezzo.api.v1.Protos.Filters.newBuilder().setRefuseSeconds(1))));
            h.clock.advance(Duration.ofMillis(300));
        }
        // declined at +0 s and +0.3 s for 1 s each: the cycle the declines asked for runs at +1.1 s,
        // when the agent is still refused; the next one (an allocation interval later) offers it again
        h.clock.advance(Duration.ofMillis(500));
        h.master.tick();
        assertThat(offers(fw)).hasSize(3);
        h.allocate();
        assertThat(offers(fw)).hasSize(4);
        assertThat(Resources.fromProtos(offers(fw).get(3).getResourcesList())).isEqualTo(Resources.parse("cpus:4;mem:4096"));
    }

    @Test
    void anOfferTheFrameworkKeepsIsNeverMadeAgainWithoutOfferTimeout() {
        h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.clock.advance(Duration.ofMinutes(10));
        h.allocate();
        // offer.timeout = 0 (Mesos' default): the resources stay with the framework until it answers
        assertThat(offers(fw)).hasSize(1);
        assertThat(fw.events).noneMatch(e -> e.getType() == Event.Type.RESCIND);
    }

    @Test
    void reviveClearsFiltersAndSuppressStopsOffers() {
        h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        h.call(fw, Call.newBuilder().setType(Call.Type.SUPPRESS));
        h.call(fw, Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offers(fw).get(0).getId())));
        h.allocate();
        h.clock.advance(Duration.ofSeconds(10));
        h.allocate();
        assertThat(offers(fw)).hasSize(1);
        h.call(fw, Call.newBuilder().setType(Call.Type.REVIVE));
        h.allocate();
        assertThat(offers(fw)).hasSize(2);
    }

    @Test
    void invalidOfferDropsOrLosesEveryTask() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        Offer offer = offers(fw).get(0);
        h.call(fw, launch(offer, 0, task("t1", agentId(agent), 1, 128)));
        // the same offer again: it is gone
        h.call(fw, launch(offer, 0, task("t2", agentId(agent), 1, 128)));
        TaskStatus lost = updates(fw).get(0);
        assertThat(lost.getTaskId().getValue()).isEqualTo("t2");
        assertThat(lost.getState()).isEqualTo(TaskState.TASK_LOST);
        assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(lost.hasUuid()).isFalse();
    }

    @Test
    void taskNotFittingOrDuplicateEndsInErrorWithoutDisturbingOthers() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> fw = h.framework("a");
        h.allocate();
        String a = agentId(agent);
        h.call(fw, launch(offers(fw).get(0), 0, task("big", a, 8, 1), task("ok", a, 1, 128), task("ok", a, 1, 128)));
        assertThat(updates(fw)).extracting(s -> s.getTaskId().getValue() + ":" + s.getState())
                .containsExactly("big:TASK_ERROR", "ok:TASK_ERROR");
        assertThat(agent.events).filteredOn(e -> e.getType() == AgentEvent.Type.RUN_TASK).hasSize(1);
    }

    @Test
    void aTaskIdLiveOnTheAgentUnderAnotherFrameworkEndsInErrorThereButNotElsewhere() {
        FakeStream<AgentEvent> agent = h.agent(4, 4096);
        FakeStream<Event> a = h.framework("a");
        FakeStream<Event> b = h.framework("b");
        h.allocate();
        FakeStream<Event> first = offers(a).isEmpty() ? b : a;
        FakeStream<Event> second = first == a ? b : a;
        String onAgent = agentId(agent);
        h.call(first, launch(offers(first).get(0), 0, task("task-1", onAgent, 1, 128)));
        h.allocate();

        // the agent keys tasks by id alone: the same id from the other framework is refused, a fresh one runs
        h.call(second, launch(offers(second).get(0), 0, task("task-1", onAgent, 1, 128),
                task("task-2", onAgent, 1, 128)));
        assertThat(updates(second)).singleElement().satisfies(s -> {
            assertThat(s.getTaskId().getValue()).isEqualTo("task-1");
            assertThat(s.getState()).isEqualTo(TaskState.TASK_ERROR);
            assertThat(s.getMessage()).contains("in use on agent " + onAgent + " by another framework");
        });
        assertThat(agent.events).filteredOn(e -> e.getType() == AgentEvent.Type.RUN_TASK)
                .extracting(e -> e.getRunTask().getFrameworkInfo().getId().getValue() + "/" + e.getRunTask().getTask().getTaskId()
                        .getValue())
                .hasSize(2).doesNotHaveDuplicates().filteredOn(k -> k.endsWith("/task-1")).hasSize(1);
        assertThat(updates(first)).isEmpty();
    }

    @Test
    void offerTimeoutRescinds() {
        MasterHarness timed = new MasterHarness(MasterHarness.withOfferTimeout(Duration.ofSeconds(5)));
        timed.agent(4, 4096);
        FakeStream<Event> fw = timed.framework("a");
        timed.allocate();
        timed.clock.advance(Duration.ofSeconds(5));
        timed.master.tick();
        assertThat(fw.events).filteredOn(e -> e.getType() == Event.Type.RESCIND).hasSize(1);
    }

    @Test
    void lowestDominantShareGetsTheNextAgent() {
        FakeStream<AgentEvent> first = h.agent(4, 4096);
        FakeStream<Event> a = h.framework("a");
        FakeStream<Event> b = h.framework("b");
        h.allocate();
        FakeStream<Event> holder = offers(a).isEmpty() ? b : a;
        FakeStream<Event> other = holder == a ? b : a;
        h.call(holder, launch(offers(holder).get(0), 100, task("t", agentId(first), 3, 3072)));
        h.agent(4, 4096);
        h.allocate();
        // shares after the first grant: holder 3/8 = .375, other 1/8 = .125 → other also gets the new agent
        assertThat(offers(other)).hasSize(2);
    }

    @Test
    void nonSubscribeCallsCheckFrameworkAndStream() {
        FakeStream<Event> fw = h.framework("a");
        assertThat(h.master.handleSchedulerCall(Call.newBuilder().setType(Call.Type.REVIVE)
                .setFrameworkId(io.mezzo.api.v1.Protos.FrameworkID.newBuilder().setValue("nope")).build(), fw.id))
                .isEqualTo(CallOutcome.badRequest("Framework cannot be found"));
        Call revive = Call.newBuilder().setType(Call.Type.REVIVE)
                .setFrameworkId(io.mezzo.api.v1.Protos.FrameworkID.newBuilder().setValue(frameworkId(fw))).build();
        assertThat(h.master.handleSchedulerCall(revive, null).status()).isEqualTo(400);
        assertThat(h.master.handleSchedulerCall(revive, "other").status()).isEqualTo(400);
        assertThat(h.master.handleSchedulerCall(revive.toBuilder().setType(Call.Type.UNKNOWN).build(), fw.id).status())
                .isEqualTo(501);
        assertThat(h.master.handleSchedulerCall(revive, fw.id)).isEqualTo(CallOutcome.ACCEPTED);
    }
}
