package io.mezzo.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.agent.internal.checkpoint.CheckpointStore;
import io.mezzo.agent.internal.detect.FixedMasterDetector;
import io.mezzo.agent.internal.resources.AttributeText;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a fake master over real HTTP: subscribe, PING/PONG, tasks, reliable updates, recovery. */
class AgentProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("u").setName("test")
            .setId(FrameworkID.newBuilder().setValue("fw1")).build();

    @TempDir
    Path workDir;

    private final FakeExecutor executor = new FakeExecutor();
    private FakeMaster master;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    /** A detector the test switches by hand, as ZooKeeper losing and regaining the leader would. */
    private static final class SwitchableDetector implements io.mezzo.agent.internal.detect.MasterDetector {
        private volatile java.util.function.Consumer<Optional<java.net.URI>> listener;

        @Override
        public void start(java.util.function.Consumer<Optional<java.net.URI>> newListener) {
            this.listener = newListener;
        }

        void report(Optional<java.net.URI> master) {
            listener.accept(master);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private Agent startAgent(FakeMaster target) throws IOException {
        Agent started = new Agent(settings(workDir), executor, new FixedMasterDetector(target.uri()), Clock.systemUTC());
        started.start();
        return started;
    }

    private static AgentSettings settings(Path workDir) {
        return new AgentSettings("agent-host", Resources.parse("cpus:2;mem:1024").toProtos(),
                AttributeText.parse("rack:r1"), workDir, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofSeconds(5));
    }

    private void subscribed(String agentId) throws IOException {
        await().atMost(WAIT).until(master::hasStream);
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED).setSubscribed(
                AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
                        .setPingIntervalSeconds(15)).build());
        await().atMost(WAIT).until(() -> agent.snapshot().registered());
    }

    private static TaskInfo task(String id) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .addAllResources(Resources.parse("cpus:0.5;mem:64").toProtos())
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100")).build();
    }

    private void runTask(String id) throws IOException {
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK).setRunTask(
                AgentEvent.RunTask.newBuilder().setFrameworkInfo(FRAMEWORK).setTask(task(id))).build());
        await().atMost(WAIT).until(() -> executor.launches.stream().anyMatch(l -> l.taskId().equals(id)));
    }

    private List<TaskStatus> updates(String taskId) {
        return master.updates().stream().map(AgentCall.Update::getStatus)
                .filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
    }

    private void acknowledge(TaskStatus status) throws IOException {
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE).setAcknowledge(
                AgentEvent.Acknowledge.newBuilder().setFrameworkId(FRAMEWORK.getId()).setTaskId(status.getTaskId())
                        .setUuid(status.getUuid())).build());
    }

    @Test
    void subscribesWithItsResourcesAndAnswersPings() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);

        await().atMost(WAIT).until(() -> !master.subscribes().isEmpty());
        AgentCall.Subscribe subscribe = master.subscribes().get(0).getSubscribe();
        assertThat(subscribe.getAgentInfo().getHostname()).isEqualTo("agent-host");
        assertThat(subscribe.getAgentInfo().hasId()).as("first registration").isFalse();
        assertThat(Resources.fromProtos(subscribe.getAgentInfo().getResourcesList()))
                .isEqualTo(Resources.parse("cpus:2;mem:1024"));
        assertThat(subscribe.getAgentInfo().getAttributes(0).getText().getValue()).isEqualTo("r1");

        subscribed("a1");
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.PING)
                .setPing(AgentEvent.Ping.newBuilder().setSequence(7)).build());

        await().atMost(WAIT).until(() -> !master.calls(AgentCall.Type.PONG).isEmpty());
        AgentCall pong = master.calls(AgentCall.Type.PONG).get(0);
        assertThat(pong.getPong().getSequence()).isEqualTo(7);
        assertThat(pong.getAgentId().getValue()).isEqualTo("a1");
        assertThat(master.streamIds()).containsOnly(FakeMaster.STREAM_ID);
        assertThat(workDir.resolve("meta/agent_id")).hasContent("a1");
    }

    @Test
    void runsATaskAndRetriesEachUpdateUntilAcknowledgedInOrder() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);
        subscribed("a1");

        runTask("t1");
        assertThat(executor.launches.get(0).sandbox().toString())
                .startsWith(workDir.resolve("agents/a1/frameworks/fw1/executors/t1/runs").toString());
        executor.report("t1", ExecutorTaskState.RUNNING);
        executor.report("t1", ExecutorTaskState.FINISHED);

        // retried (200 ms, then 400 ms) while unacknowledged; FINISHED waits behind RUNNING
        await().atMost(WAIT).until(() -> updates("t1").size() >= 3);
        List<TaskStatus> sent = updates("t1");
        assertThat(sent).extracting(TaskStatus::getState).containsOnly(TaskState.TASK_RUNNING);
        assertThat(sent).extracting(TaskStatus::getUuid).containsOnly(sent.get(0).getUuid());
        List<AgentCall.Update> all = master.updates();
        assertThat(all.get(all.size() - 1).getLatestState()).as("resends carry the newest state")
                .isEqualTo(TaskState.TASK_FINISHED);
        assertThat(agent.snapshot().pendingStatusUpdates()).isEqualTo(2);

        acknowledge(sent.get(0));
        await().atMost(WAIT).until(() -> updates("t1").stream().anyMatch(s -> s.getState() == TaskState.TASK_FINISHED));
        TaskStatus finished = updates("t1").stream().filter(s -> s.getState() == TaskState.TASK_FINISHED)
                .findFirst().orElseThrow();
        assertThat(finished.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(finished.getAgentId().getValue()).isEqualTo("a1");

        acknowledge(finished);
        await().atMost(WAIT).until(() -> agent.snapshot().pendingStatusUpdates() == 0
                && agent.snapshot().tasksByState().isEmpty());
        try (CheckpointStore store = new CheckpointStore(workDir)) {
            assertThat(store.tasks()).as("forgotten after terminal ack").isEmpty();
        }
    }

    @Test
    void updatesReadyTogetherGoOutInOneCallAndOnlyTheUnacknowledgedAreResent() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);
        subscribed("a1");
        for (String id : List.of("t1", "t2", "t3")) {
            runTask(id);
            executor.report(id, ExecutorTaskState.RUNNING);
        }
        await().atMost(WAIT).until(() -> Stream.of("t1", "t2", "t3").allMatch(id -> !updates(id).isEmpty()));

        // a new subscription: every unacknowledged head is resent at once, in one call
        int callsBefore = master.calls(AgentCall.Type.UPDATE).size();
        master.dropStream();
        await().atMost(WAIT).until(() -> master.subscribes().size() == 2);
        subscribed("a1");
        await().atMost(WAIT).until(() -> master.calls(AgentCall.Type.UPDATE).size() > callsBefore);
        AgentCall resent = master.calls(AgentCall.Type.UPDATE).get(callsBefore);
        assertThat(resent.getUpdatesList()).extracting(u -> u.getStatus().getTaskId().getValue())
                .containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(resent.getAgentId().getValue()).isEqualTo("a1");

        // the master acknowledges only part of the batch: the rest keeps being retried
        acknowledge(updates("t2").get(0));
        await().atMost(WAIT).until(() -> agent.snapshot().pendingStatusUpdates() == 2);
        int seen = master.updates().size();
        await().atMost(WAIT).until(() -> master.updates().size() >= seen + 2);
        assertThat(master.updates().subList(seen, master.updates().size()))
                .extracting(u -> u.getStatus().getTaskId().getValue()).contains("t1", "t3").doesNotContain("t2");
    }

    @Test
    void killsKnownTasksAndReportsUnknownOnesLost() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);
        subscribed("a1");
        runTask("t1");

        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK).setKillTask(AgentEvent.KillTask
                .newBuilder().setFrameworkId(FRAMEWORK.getId()).setTaskId(TaskID.newBuilder().setValue("t1"))).build());
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK).setKillTask(AgentEvent.KillTask
                .newBuilder().setFrameworkId(FRAMEWORK.getId()).setTaskId(TaskID.newBuilder().setValue("nope"))).build());

        await().atMost(WAIT).until(() -> executor.kills.containsKey("t1"));
        assertThat(executor.kills.get("t1")).as("Mesos' default grace period").isEqualTo(Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> !updates("nope").isEmpty());
        assertThat(updates("nope").get(0).getState()).isEqualTo(TaskState.TASK_LOST);
        assertThat(updates("nope").get(0).getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    }

    @Test
    void followsARedirectFromAStandbyAndResubscribesAfterTheStreamBreaks() throws IOException {
        master = FakeMaster.leader();
        try (FakeMaster standby = FakeMaster.standbyFor(master)) {
            agent = startAgent(standby);
            subscribed("a1");
            assertThat(agent.snapshot().master()).contains(master.uri() + "/");

            master.dropStream();
            await().atMost(WAIT).until(() -> master.subscribes().size() == 2);
            agent.close();
            agent = null;
        }
        assertThat(master.subscribes().get(1).getSubscribe().getAgentInfo().getId().getValue())
                .as("re-registers with its id").isEqualTo("a1");
    }

    @Test
    void restartedAgentReregistersWithItsTasksAndResendsWhatWasNotAcknowledged() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);
        subscribed("a1");
        runTask("t1");
        runTask("t2");
        executor.report("t1", ExecutorTaskState.RUNNING);
        await().atMost(WAIT).until(() -> !updates("t1").isEmpty());
        acknowledge(updates("t1").get(0));
        executor.report("t2", ExecutorTaskState.RUNNING);
        await().atMost(WAIT).until(() -> !updates("t2").isEmpty());
        TaskStatus unacknowledged = updates("t2").get(0);
        await().atMost(WAIT).until(() -> agent.snapshot().pendingStatusUpdates() == 1);

        agent.close(); // as a bundle update would: tasks must survive
        assertThat(agent.snapshot()).as("a stale service object still answers")
                .satisfies(s -> assertThat(s.registered()).isFalse())
                .satisfies(s -> assertThat(s.agentId()).contains("a1"));
        assertThat(executor.kills).isEmpty();
        assertThat(executor.shutdownCalled()).isFalse();
        executor.alive.remove("t2"); // t2 ended while no agent was watching and left no trace

        agent = startAgent(master);
        await().atMost(WAIT).until(() -> master.subscribes().size() == 2);
        AgentCall.Subscribe again = master.subscribes().get(1).getSubscribe();
        assertThat(again.getAgentInfo().getId().getValue()).isEqualTo("a1");
        assertThat(again.getTasksList()).extracting(t -> t.getTaskId().getValue(), Task::getState)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t1", TaskState.TASK_RUNNING),
                        org.assertj.core.groups.Tuple.tuple("t2", TaskState.TASK_FAILED));
        assertThat(again.getFrameworksList()).extracting(FrameworkInfo::getId).containsOnly(FRAMEWORK.getId());
        assertThat(again.getTasksList()).filteredOn(t -> t.getTaskId().getValue().equals("t1")).singleElement()
                .satisfies(t -> assertThat(t.getStatusesList()).extracting(TaskStatus::getState)
                        .as("the last status, for the master's reconciliation").containsExactly(TaskState.TASK_RUNNING));
        assertThat(executor.recovered).hasSize(2);

        int before = updates("t2").size();
        subscribed("a1");
        await().atMost(WAIT).until(() -> updates("t2").size() > before);
        assertThat(updates("t2").get(before).getUuid()).as("the same update, resent")
                .isEqualTo(unacknowledged.getUuid());
        acknowledge(unacknowledged);
        await().atMost(WAIT).until(() -> updates("t2").stream().anyMatch(s -> s.getState() == TaskState.TASK_FAILED));
        assertThat(updates("t1")).hasSize(1).as("acknowledged before the restart: not resent");
        assertThat(Optional.of(agent.snapshot().tasksByState())).hasValueSatisfying(m ->
                assertThat(m).containsEntry("TASK_RUNNING", 1).containsEntry("TASK_FAILED", 1));
    }

    @Test
    void withoutALeaderTheAgentObeysNoMasterAndReregistersOnceOneIsKnown() throws IOException {
        master = FakeMaster.leader();
        SwitchableDetector detector = new SwitchableDetector();
        agent = new Agent(settings(workDir), executor, detector, Clock.systemUTC());
        agent.start();
        detector.report(Optional.of(master.uri()));
        subscribed("a1");

        detector.report(Optional.empty());
        await().atMost(WAIT).until(() -> !agent.snapshot().registered() && agent.snapshot().master().isEmpty());
        try {
            runTaskWithoutWaiting("t1"); // the old stream: closed by the agent, or ignored if still open
        } catch (IOException expected) {
            // the agent already dropped the connection
        }

        detector.report(Optional.of(master.uri()));
        await().atMost(WAIT).until(() -> master.subscribes().size() == 2);
        assertThat(master.subscribes().get(1).getAgentId().getValue()).isEqualTo("a1");
        subscribed("a1");
        assertThat(executor.launches).as("nothing obeyed while no leader was known").isEmpty();
    }

    private void runTaskWithoutWaiting(String id) throws IOException {
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK).setRunTask(
                AgentEvent.RunTask.newBuilder().setFrameworkInfo(FRAMEWORK).setTask(task(id))).build());
    }

    @Test
    void silentMasterIsGivenUpAfterFiveMissedPingsAndTheAgentResubscribes() throws IOException {
        master = FakeMaster.leader();
        agent = startAgent(master);
        await().atMost(WAIT).until(master::hasStream);
        // ping interval 0.1 s: five missed pings = 0.5 s of silence
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED).setSubscribed(
                AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue("a1"))
                        .setPingIntervalSeconds(0.1)).build());

        await().atMost(WAIT).until(() -> master.subscribes().size() >= 2);
        assertThat(master.subscribes().get(1).getAgentId().getValue()).isEqualTo("a1");
    }

    @Test
    void masterThatNeverConfirmsTheSubscriptionIsRetried() throws IOException {
        master = FakeMaster.leader();
        AgentSettings settings = new AgentSettings("agent-host", Resources.parse("cpus:1").toProtos(), List.of(),
                workDir, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(300));
        agent = new Agent(settings, executor, new FixedMasterDetector(master.uri()), Clock.systemUTC());
        agent.start();

        await().atMost(WAIT).until(() -> master.subscribes().size() >= 2);
        assertThat(agent.snapshot().registered()).isFalse();
    }
}
