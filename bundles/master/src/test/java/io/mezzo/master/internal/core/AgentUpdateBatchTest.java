package io.mezzo.master.internal.core;

import static io.mezzo.master.internal.core.MasterHarness.agentId;
import static io.mezzo.master.internal.core.MasterHarness.frameworkId;
import static io.mezzo.master.internal.core.MasterHarness.launch;
import static io.mezzo.master.internal.core.MasterHarness.offers;
import static io.mezzo.master.internal.core.MasterHarness.task;
import static io.mezzo.master.internal.core.MasterHarness.update;
import static io.mezzo.master.internal.core.MasterHarness.updates;
import static io.mezzo.master.internal.core.MasterHarness.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** UPDATE calls that carry many status updates: each handled in order and on its own. */
class AgentUpdateBatchTest {
    private final MasterHarness h = new MasterHarness();
    private final FakeStream<AgentEvent> agent = h.agent(4, 4096);
    private final FakeStream<Event> fw = h.framework(FrameworkInfo.newBuilder().setUser("u").setName("f"));

    private void launchTasks(String... ids) {
        h.allocate();
        TaskInfo[] tasks = new TaskInfo[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tasks[i] = task(ids[i], agentId(agent), 1, 128);
        }
        h.call(fw, launch(offers(fw).get(0), 0, tasks));
    }

    private String state(String taskId) {
        return h.master.snapshots().tasks().stream().filter(t -> t.id().equals(taskId)).map(TaskSnapshot::state)
                .findFirst().orElse("(none)");
    }

    @Test
    void everyUpdateOfABatchIsForwardedInOrder() {
        launchTasks("t1", "t2", "t3");
        String f = frameworkId(fw);
        CallOutcome outcome = h.agentUpdates(agent, agent.id, update(f, "t2", TaskState.TASK_RUNNING, uuid()),
                update(f, "t1", TaskState.TASK_FINISHED, uuid()), update(f, "t3", TaskState.TASK_FAILED, uuid()));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(updates(fw)).extracting(s -> s.getTaskId().getValue() + ":" + s.getState())
                .containsExactly("t2:TASK_RUNNING", "t1:TASK_FINISHED", "t3:TASK_FAILED");
        assertThat(updates(fw)).allSatisfy(s -> assertThat(s.getAgentId().getValue()).isEqualTo(agentId(agent)));
        assertThat(state("t1")).isEqualTo("TASK_FINISHED");
        assertThat(state("t2")).isEqualTo("TASK_RUNNING");
        assertThat(state("t3")).isEqualTo("TASK_FAILED");
    }

    @Test
    void unknownTasksAndFrameworksDoNotHoldUpTheRestOfTheBatch() {
        launchTasks("t1", "t2");
        String f = frameworkId(fw);
        CallOutcome outcome = h.agentUpdates(agent, agent.id,
                update("no-such-framework", "x", TaskState.TASK_RUNNING, uuid()),
                update(f, "t1", TaskState.TASK_FINISHED, uuid()),
                update(f, "ghost", TaskState.TASK_RUNNING, uuid()),
                update(f, "t2", TaskState.TASK_FINISHED, uuid()));

        assertThat(outcome.status()).isEqualTo(202);
        // as for a single update: an unknown task's status still reaches its framework, which may
        // acknowledge it (so the agent stops retrying) and reconcile; an unknown framework's is dropped
        assertThat(updates(fw)).extracting(s -> s.getTaskId().getValue())
                .containsExactly("t1", "ghost", "t2");
        assertThat(state("t1")).isEqualTo("TASK_FINISHED");
        assertThat(state("t2")).isEqualTo("TASK_FINISHED");
        // both finished tasks freed their resources: the whole agent is offered again
        h.allocate();
        assertThat(offers(fw).get(offers(fw).size() - 1).getResourcesList())
                .filteredOn(r -> r.getName().equals("cpus")).singleElement()
                .satisfies(r -> assertThat(r.getScalar().getValue()).isEqualTo(4.0));
    }

    @Test
    void aFrameworkGoneForGoodIsShutDownOncePerBatch() {
        launchTasks("t1", "t2");
        String f = frameworkId(fw);
        h.call(fw, Call.newBuilder().setType(Call.Type.TEARDOWN));
        int before = agent.events.size();

        CallOutcome outcome = h.agentUpdates(agent, agent.id, update(f, "t1", TaskState.TASK_KILLED, uuid()),
                update(f, "t2", TaskState.TASK_KILLED, uuid()));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(agent.events.subList(before, agent.events.size())).extracting(AgentEvent::getType)
                .containsExactly(AgentEvent.Type.SHUTDOWN_FRAMEWORK);
    }

    @Test
    void aBatchOnAStaleStreamIsRefusedAsAWhole() {
        launchTasks("t1");
        CallOutcome outcome = h.agentUpdates(agent, "some-old-stream",
                update(frameworkId(fw), "t1", TaskState.TASK_FINISHED, uuid()));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(updates(fw)).isEmpty();
        assertThat(state("t1")).isEqualTo("TASK_STAGING");
    }

    @Test
    void theSingleUpdateOfOlderAgentsGoesFirst() {
        launchTasks("t1", "t2");
        String f = frameworkId(fw);
        TaskStatus single = update(f, "t1", TaskState.TASK_RUNNING, uuid()).getStatus();
        CallOutcome outcome = h.master.handleAgentCall(AgentCall.newBuilder()
                .setType(AgentCall.Type.UPDATE)
                .setAgentId(AgentID.newBuilder().setValue(agentId(agent)))
                .setUpdate(update(f, "t1", TaskState.TASK_RUNNING, single.getUuid()))
                .addUpdates(update(f, "t2", TaskState.TASK_RUNNING, uuid())).build(), agent.id);

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(updates(fw)).extracting(s -> s.getTaskId().getValue()).containsExactly("t1", "t2");
    }
}
