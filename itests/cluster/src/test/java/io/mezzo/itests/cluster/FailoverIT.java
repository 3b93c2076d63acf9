package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.jmx.AgentMBean;
import io.mezzo.api.jmx.AllocatorMBean;
import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.itests.harness.LocalCluster;
import io.mezzo.itests.harness.MezzoNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * kill -9 of the leading master while 20 tasks run: a standby takes over, the framework
 * re-subscribes with its id, and every task is still RUNNING — none lost. Ten more tasks end
 * right after the kill, while no master leads: their TASK_FINISHED updates, made during the
 * failover, reach the framework afterwards. Three masters, two agents, one ZooKeeper node, each its
 * own Karaf process; ZooKeeper session timeout 2 s.
 */
class FailoverIT {
    private static final int TASKS = 20;
    private static final int ENDING_TASKS = 10;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static LocalCluster cluster;
    private static Path nodes;

    @BeforeAll
    static void startCluster() {
        nodes = Path.of(System.getProperty("mezzo.nodes.dir")).resolve("failover");
        cluster = LocalCluster.start(Path.of(System.getProperty("mezzo.assembly.dir")), nodes, 3, 2,
                Map.of("MEZZO_ZK_SESSION_TIMEOUT", "2secs"),
                Map.of("MEZZO_AGENT_RESOURCES", "cpus:12;mem:4096;disk:4096;ports:[31000-32000]"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runningTasksSurviveKillOfTheLeadingMaster() throws Exception {
        MezzoNode leader = ClusterTasks.awaitLeader(cluster.masters(), WAIT);
        leader.awaitActiveAgents(2, WAIT);
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("root").setName("failover-it").addRoles("*")
                .setFailoverTimeout(300).build();
        // subscribe through a master that may be a standby: the client follows the 307
        TestScheduler first = TestScheduler.subscribe(cluster.masters().get(0).baseUri(), info);
        String frameworkId = first.frameworkId();
        TestScheduler again = null;
        List<JMXConnector> jmxConnections = new ArrayList<>();
        try {
            List<String> tasks = ClusterTasks.launch(first, "sleeper", TASKS, "sleep 300", 0.5, 32);
            Path go = nodes.resolve("go-" + System.nanoTime());
            List<String> ending = ClusterTasks.launch(first, "ending", ENDING_TASKS,
                    "while [ ! -e " + go + " ]; do sleep 0.1; done", 0.1, 16);
            Map<String, AgentID> agentOf = new HashMap<>();
            for (String task : tasks) {
                agentOf.put(task, first.awaitState(task, TaskState.TASK_RUNNING, WAIT).getAgentId());
            }
            for (String task : ending) {
                first.awaitState(task, TaskState.TASK_RUNNING, WAIT);
            }

            // JConsole's view: the standbys' Master MBeans announce the change
            Map<MezzoNode, List<Notification>> notices = new HashMap<>();
            for (MezzoNode standby : cluster.masters()) {
                if (standby != leader) {
                    JMXConnector connector = standby.connectJmx("karaf", "karaf");
                    jmxConnections.add(connector);
                    List<Notification> received = new CopyOnWriteArrayList<>();
                    connector.getMBeanServerConnection().addNotificationListener(new ObjectName(MasterMBean.OBJECT_NAME),
                            (n, handback) -> received.add(n), null, null);
                    notices.put(standby, received);
                }
            }

            // an operator switches the leader to binpack, hot-deployed on every master
            for (MezzoNode master : cluster.masters()) {
                Files.copy(master.systemArtifact("io.mezzo", "mezzo-allocator-binpack",
                        System.getProperty("mezzo.version")), master.deployDir().resolve("mezzo-allocator-binpack.jar"));
            }
            try (JMXConnector jmx = leader.connectJmx("karaf", "karaf")) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                ObjectName allocator = new ObjectName(AllocatorMBean.OBJECT_NAME);
                await().atMost(WAIT).until(() -> List.of((String[]) mbeans.getAttribute(allocator,
                        "AvailablePolicies")).contains("binpack"));
                mbeans.invoke(allocator, "setPolicy", new Object[] {"binpack"}, new String[] {String.class.getName()});
                // the registry is written asynchronously after the next tick: two cycles later it holds binpack
                long cycles = (Long) mbeans.getAttribute(allocator, "CyclesRun");
                await().atMost(WAIT).until(() -> (Long) mbeans.getAttribute(allocator, "CyclesRun") >= cycles + 2);
            }

            long killedAt = System.nanoTime();
            leader.kill();
            // the ending tasks exit now, while the dead leader's session (2 s) still blocks an election
            Files.createFile(go);
            List<MezzoNode> standbys = cluster.masters().stream().filter(MezzoNode::isAlive).toList();
            again = ClusterTasks.resubscribe(standbys, ClusterTasks.withId(info, frameworkId), WAIT);
            double subscribedAgainAt = System.currentTimeMillis() / 1000.0;
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            MezzoNode newLeader = ClusterTasks.awaitLeader(standbys, WAIT);
            // the benchmark figure (BENCHMARKS.md); measured, printed, not asserted
            System.out.printf("FAILOVER kill -9 of the leader -> SUBSCRIBED at the new leader (port %d): %.2f s%n",
                    newLeader.httpPort(), seconds); // NOSONAR
            assertThat(again.frameworkId()).isEqualTo(frameworkId);
            assertThat(newLeader).isNotSameAs(leader);

            // explicit reconciliation, repeated until every task is answered (the agents re-register
            // in their own time; the master does not answer for tasks of agents it still expects)
            TestScheduler scheduler = again;
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<Call.Reconcile.Task> pending = new ArrayList<>();
                for (String task : tasks) {
                    if (scheduler.find(task, TaskState.TASK_RUNNING).isEmpty()) {
                        pending.add(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(task))
                                .setAgentId(agentOf.get(task)).build());
                    }
                }
                if (!pending.isEmpty()) {
                    scheduler.client().reconcile(pending);
                }
                assertThat(pending).isEmpty();
            });
            for (String task : tasks) {
                assertThat(again.states(task)).as("updates of %s after the failover", task)
                        .containsOnly(TaskState.TASK_RUNNING);
            }
            newLeader.awaitActiveAgents(2, WAIT);
            // the operator's choice outlived the leader, though every master is configured with drf
            try (JMXConnector jmx = newLeader.connectJmx("karaf", "karaf")) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                ObjectName allocator = new ObjectName(AllocatorMBean.OBJECT_NAME);
                await().atMost(WAIT).until(() -> "binpack".equals(mbeans.getAttribute(allocator, "ActivePolicy")));
                assertThat(mbeans.getAttribute(allocator, "RequestedPolicy")).isEqualTo("binpack");
            }
            String newAddress = "127.0.0.1:" + newLeader.httpPort();
            await().atMost(WAIT).untilAsserted(() -> notices.forEach((standby, received) -> {
                if (standby == newLeader) {
                    assertThat(received).extracting(Notification::getType).contains(MasterMBean.NOTIFICATION_ELECTED);
                } else {
                    assertThat(received).filteredOn(n -> n.getType().equals(MasterMBean.NOTIFICATION_LEADER_CHANGED))
                            .extracting(Notification::getUserData).contains(newAddress);
                }
            }));

            for (String task : ending) {
                TaskStatus finished = again.awaitState(task, TaskState.TASK_FINISHED, WAIT);
                assertThat(finished.getTimestamp()).as("%s ended before the framework had a master again", task)
                        .isLessThan(subscribedAgainAt);
                assertThat(again.states(task)).as("updates of %s after the failover", task)
                        .containsOnly(TaskState.TASK_FINISHED);
            }
            // acknowledged: no update is left waiting on the agents
            for (MezzoNode agent : cluster.agents()) {
                try (JMXConnector jmx = agent.connectJmx("karaf", "karaf")) {
                    MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                    ObjectName bean = new ObjectName(AgentMBean.OBJECT_NAME);
                    await().atMost(WAIT).until(() -> (Integer) mbeans.getAttribute(bean, "PendingStatusUpdates") == 0);
                }
            }
        } finally {
            for (JMXConnector connector : jmxConnections) {
                connector.close();
            }
            first.client().close();
            if (again != null) {
                again.close(); // TEARDOWN: the master kills the test's tasks
            }
            for (MezzoNode agent : cluster.agents()) {
                ClusterTasks.awaitAllTasksEnded(Path.of(agent.env("MEZZO_WORK_DIR")), WAIT);
            }
        }
    }
}
