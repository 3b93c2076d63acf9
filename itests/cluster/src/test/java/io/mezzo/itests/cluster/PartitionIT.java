package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.jmx.AgentMBean;
import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.itests.harness.LocalCluster;
import io.mezzo.itests.harness.MezzoNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Notification;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGSTOP of an agent with running tasks (a partition): after agent.ping.interval ×
 * agent.max.missed.pings (1 s × 3 here) its tasks become TASK_LOST, or TASK_UNREACHABLE for a
 * PARTITION_AWARE framework, and both frameworks get FAILURE. SIGCONT: the agent re-registers and,
 * by Mezzo's rule (Mesos ≥ 1.5, see README "Failover and partitions"), its tasks keep running and
 * reconcile as TASK_RUNNING again.
 *
 * <p>SIGSTOP of the ZooKeeper node instead (every node cut off from ZooKeeper, past the agent's
 * 3 s and the master's 5 s session): the agent follows no master until a leader is known again,
 * then re-registers with its tasks, which never stopped.
 */
class PartitionIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(Path.of(System.getProperty("mezzo.assembly.dir")),
                Path.of(System.getProperty("mezzo.nodes.dir")).resolve("partition"), 1, 1,
                // Sessions are short so that the cut-off test is quick, but not 2 s: a node counts as
                // cut off once ZooKeeper has not answered for 2/3 of its session, and on a loaded
                // 2-core CI machine a 1.3 s stall of the ZooKeeper process made the master step
                // down in the middle of the set-up.
                Map.of("MEZZO_AGENT_PING_INTERVAL", "1secs", "MEZZO_AGENT_MAX_MISSED_PINGS", "3",
                        "MEZZO_ZK_SESSION_TIMEOUT", "5secs"),
                Map.of("MEZZO_AGENT_RESOURCES", "cpus:8;mem:4096;disk:4096;ports:[31000-32000]",
                        "MEZZO_AGENT_ZK_SESSION_TIMEOUT_MS", "3000"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void partitionedAgentsTasksAreLostOrUnreachableAndComeBackWhenItDoes() throws Exception {
        MezzoNode master = cluster.masters().get(0).awaitLeaderKnown(WAIT).awaitActiveAgents(1, WAIT);
        MezzoNode agent = cluster.agents().get(0);
        TestScheduler plain = TestScheduler.subscribe(master.baseUri(), framework("plain").build());
        TestScheduler aware = null;
        try (JMXConnector jmx = master.connectJmx("karaf", "karaf")) {
            List<Notification> notices = new CopyOnWriteArrayList<>();
            jmx.getMBeanServerConnection().addNotificationListener(new ObjectName(MasterMBean.OBJECT_NAME),
                    (n, handback) -> notices.add(n), null, null);
            List<String> plainTasks = ClusterTasks.launch(plain, "plain", 2, "sleep 300", 0.5, 32);
            ClusterTasks.releaseOffers(plain);
            aware = TestScheduler.subscribe(master.baseUri(), framework("aware").addCapabilities(
                    FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build());
            List<String> awareTasks = ClusterTasks.launch(aware, "aware", 2, "sleep 300", 0.5, 32);
            String agentId = null;
            for (String t : plainTasks) {
                agentId = plain.awaitState(t, TaskState.TASK_RUNNING, WAIT).getAgentId().getValue();
            }
            for (String t : awareTasks) {
                aware.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }

            long stoppedAt = System.nanoTime();
            agent.suspend();
            for (String t : plainTasks) {
                plain.awaitState(t, TaskState.TASK_LOST, WAIT);
            }
            for (String t : awareTasks) {
                aware.awaitState(t, TaskState.TASK_UNREACHABLE, WAIT);
            }
            System.out.printf("PARTITION SIGSTOP of the agent -> tasks LOST/UNREACHABLE: %.2f s (pings 1 s x 3)%n",
                    (System.nanoTime() - stoppedAt) / 1e9); // NOSONAR: measured, not asserted
            TestScheduler awareScheduler = aware;
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(plain.eventTypes()).contains(Event.Type.FAILURE);
                assertThat(awareScheduler.eventTypes()).contains(Event.Type.FAILURE);
            });
            String lost = agentId;
            await().atMost(WAIT).untilAsserted(() -> assertThat(notices)
                    .filteredOn(n -> n.getType().equals(MasterMBean.NOTIFICATION_AGENT_UNREACHABLE))
                    .extracting(Notification::getUserData).containsExactly(lost));

            agent.resume();
            master.awaitActiveAgents(1, WAIT);
            awaitReconciledRunning(plain, plainTasks);
            awaitReconciledRunning(aware, awareTasks);
            for (String t : plainTasks) {
                assertThat(plain.states(t)).containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_LOST,
                        TaskState.TASK_RUNNING);
            }
            for (String t : awareTasks) {
                assertThat(aware.states(t)).containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_UNREACHABLE,
                        TaskState.TASK_RUNNING);
            }
        } finally {
            agent.resume();
            plain.close();
            if (aware != null) {
                aware.close();
            }
            ClusterTasks.awaitAllTasksEnded(Path.of(agent.env("MEZZO_WORK_DIR")), WAIT);
        }
    }

    @Test
    void anAgentCutOffFromZooKeeperFollowsNoMasterThenReregistersWithItsTasks() throws Exception {
        MezzoNode master = cluster.masters().get(0).awaitLeaderKnown(WAIT).awaitActiveAgents(1, WAIT);
        MezzoNode agent = cluster.agents().get(0);
        FrameworkInfo info = framework("cut-off").build();
        TestScheduler first = TestScheduler.subscribe(master.baseUri(), info);
        TestScheduler again = null;
        try (JMXConnector jmx = agent.connectJmx("karaf", "karaf")) {
            List<String> tasks = ClusterTasks.launch(first, "cut-off", 3, "sleep 300", 0.5, 32);
            for (String t : tasks) {
                first.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName agentBean = new ObjectName(AgentMBean.OBJECT_NAME);
            assertThat(mbeans.getAttribute(agentBean, "Registered")).isEqualTo(true);

            long stoppedAt = System.nanoTime();
            cluster.zookeeper().suspend();
            try {
                // kept frozen past the agent's 3 s and the master's 5 s session; meanwhile the agent
                // follows no master
                await().atMost(WAIT).until(() -> (System.nanoTime() - stoppedAt) / 1e9 > 6
                        && Boolean.FALSE.equals(mbeans.getAttribute(agentBean, "Registered"))
                        && "".equals(mbeans.getAttribute(agentBean, "Master")));
            } finally {
                cluster.zookeeper().resume();
            }
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(mbeans.getAttribute(agentBean, "Registered")));
            master.awaitLeaderKnown(WAIT).awaitActiveAgents(1, WAIT);
            String frameworkId = first.frameworkId();
            assertThat(ClusterTasks.runningSandboxes(Path.of(agent.env("MEZZO_WORK_DIR"))))
                    .filteredOn(sandbox -> sandbox.toString().contains(frameworkId))
                    .as("the tasks' processes never stopped").hasSize(3);

            // the master stepped down while ZooKeeper was away, closing the framework's stream too
            again = resubscribe(master, ClusterTasks.withId(info, frameworkId));
            awaitReconciledRunning(again, tasks);
            for (String t : tasks) {
                assertThat(again.states(t)).as("updates of %s after the cut", t).containsOnly(TaskState.TASK_RUNNING);
            }
        } finally {
            cluster.zookeeper().resume();
            if (again != null) {
                first.client().close();
                again.close(); // TEARDOWN: the master kills the test's tasks
            } else {
                first.close();
            }
            ClusterTasks.awaitAllTasksEnded(Path.of(agent.env("MEZZO_WORK_DIR")), WAIT);
        }
    }

    /** SUBSCRIBE with the framework's id, retried until the master leads again. */
    private static TestScheduler resubscribe(MezzoNode master, FrameworkInfo info) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> TestScheduler.subscribe(master.baseUri(), info), java.util.Objects::nonNull);
    }

    private static FrameworkInfo.Builder framework(String name) {
        return FrameworkInfo.newBuilder().setUser("root").setName("partition-" + name).addRoles("*")
                .setFailoverTimeout(300);
    }

    /** Explicit reconciliation, repeated until each task's latest answer is TASK_RUNNING again. */
    private static void awaitReconciledRunning(TestScheduler scheduler, List<String> tasks) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            scheduler.client().reconcile(tasks.stream().map(t -> Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(t)).build()).toList());
            for (String t : tasks) {
                // the answers to this RECONCILE may still be on their way: an empty list is retried too
                assertThat(scheduler.states(t)).as("latest state of %s", t).isNotEmpty().last()
                        .isEqualTo(TaskState.TASK_RUNNING);
            }
        });
    }
}
