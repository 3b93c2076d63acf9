package io.mezzo.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.mezzo.agent.internal.detect.MasterUrl;
import io.mezzo.agent.internal.detect.ZooKeeperMasterDetector;
import io.mezzo.agent.internal.resources.AttributeText;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Address;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryForever;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §6 with a real ZooKeeper and the real detector: an agent cut off from ZooKeeper has no
 * master. It drops its stream, obeys nothing that master sends, keeps its tasks running and their
 * updates pending; once ZooKeeper names a leader again it re-registers with its id, its tasks and
 * their latest states, and delivers what happened meanwhile.
 */
class AgentCutOffFromZooKeeperTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("u").setName("test")
            .setId(FrameworkID.newBuilder().setValue("fw1")).build();

    @TempDir
    Path workDir;

    private final FakeExecutor executor = new FakeExecutor();

    @Test
    void refusesEveryInstructionWhileCutOffAndReregistersWithItsTasksOnceALeaderIsKnown() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework masters = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                        .sessionTimeoutMs(30_000).retryPolicy(new RetryForever(100)).build();
                FakeMaster master = FakeMaster.leader()) {
            masters.start();
            try (LeaderLatch latch = new LeaderLatch(masters, "/mezzo/leader", masterInfo(master))) {
                latch.start();
                ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(
                        MasterUrl.parse("zk://" + zk.getConnectString() + "/mezzo").zooKeeper().orElseThrow(), 2000, 1000);
                try (Agent agent = new Agent(settings(), executor, detector, Clock.systemUTC())) {
                    agent.start();
                    subscribed(master, agent);
                    run(master, "t1");
                    run(master, "t2");
                    executor.report("t1", ExecutorTaskState.RUNNING);
                    executor.report("t2", ExecutorTaskState.RUNNING);
                    await().atMost(WAIT).until(() -> updates(master, "t1").size() == 1 && updates(master, "t2").size() == 1);
                    acknowledge(master, updates(master, "t1").get(0));
                    acknowledge(master, updates(master, "t2").get(0));
                    await().atMost(WAIT).until(() -> agent.snapshot().pendingStatusUpdates() == 0);

                    zk.stop(); // the agent is cut off from ZooKeeper
                    await().atMost(WAIT).until(() -> !agent.snapshot().registered() && agent.snapshot().master().isEmpty());
                    try {
                        master.send(runTask("t3")); // on the stream the agent dropped: never obeyed
                    } catch (IOException expected) {
                        // the stream is already closed
                    }
                    executor.report("t2", ExecutorTaskState.FINISHED); // a task ends meanwhile
                    await().atMost(WAIT).until(() -> agent.snapshot().pendingStatusUpdates() == 1);
                    int subscribesBefore = master.subscribes().size();

                    zk.restart(); // a leader is known again
                    await().atMost(WAIT).until(() -> master.subscribes().size() > subscribesBefore);
                    AgentCall again = master.subscribes().get(master.subscribes().size() - 1);
                    assertThat(again.getAgentId().getValue()).as("re-registers with its id").isEqualTo("a1");
                    assertThat(again.getSubscribe().getTasksList()).extracting(t -> t.getTaskId().getValue(), Task::getState)
                            .containsExactlyInAnyOrder(tuple("t1", TaskState.TASK_RUNNING),
                                    tuple("t2", TaskState.TASK_FINISHED));

                    subscribed(master, agent);
                    await().atMost(WAIT).until(() -> updates(master, "t2").stream()
                            .anyMatch(s -> s.getState() == TaskState.TASK_FINISHED));
                    assertThat(executor.launches).extracting(l -> l.taskId()).as("nothing obeyed while cut off")
                            .containsExactly("t1", "t2");
                    assertThat(executor.kills).as("its tasks were left running").isEmpty();
                }
            }
        }
    }

    private static String masterInfo(FakeMaster master) {
        int port = master.uri().getPort();
        return JsonCodec.toJson(MasterInfo.newBuilder().setId("m1").setIp(0x0100007f).setPort(port)
                .setHostname("127.0.0.1").setAddress(Address.newBuilder().setIp("127.0.0.1").setPort(port)).build());
    }

    private AgentSettings settings() {
        return new AgentSettings("agent-host", Resources.parse("cpus:2;mem:1024").toProtos(),
                AttributeText.parse("rack:r1"), workDir, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofSeconds(5));
    }

    /** Waits for the agent's current subscription and confirms it as agent a1. */
    private static void subscribed(FakeMaster master, Agent agent) throws IOException {
        await().atMost(WAIT).until(() -> master.hasStream() && agent.snapshot().master().isPresent());
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED).setSubscribed(
                AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue("a1"))
                        .setPingIntervalSeconds(15)).build());
        await().atMost(WAIT).until(() -> agent.snapshot().registered());
    }

    private void run(FakeMaster master, String id) throws IOException {
        master.send(runTask(id));
        await().atMost(WAIT).until(() -> executor.launches.stream().anyMatch(l -> l.taskId().equals(id)));
    }

    private static AgentEvent runTask(String id) {
        TaskInfo task = TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .addAllResources(Resources.parse("cpus:0.5;mem:64").toProtos())
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100")).build();
        return AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK).setRunTask(
                AgentEvent.RunTask.newBuilder().setFrameworkInfo(FRAMEWORK).setTask(task)).build();
    }

    private static List<TaskStatus> updates(FakeMaster master, String taskId) {
        return master.updates().stream().map(AgentCall.Update::getStatus)
                .filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
    }

    private static void acknowledge(FakeMaster master, TaskStatus status) throws IOException {
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE).setAcknowledge(
                AgentEvent.Acknowledge.newBuilder().setFrameworkId(FRAMEWORK.getId()).setTaskId(status.getTaskId())
                        .setUuid(status.getUuid())).build());
    }
}
