package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGSTOP of an agent with running tasks (a partition): after agent.ping.interval ×
 * agent.max.missed.pings (1 s × 3 here) its tasks become TASK_LOST, or TASK_UNREACHABLE for a
 * PARTITION_AWARE framework, and both frameworks get FAILURE. SIGCONT: the agent re-registers and,
 * by Mezzo's rule (Mesos ≥ 1.5, see README "Failover and partitions"), its tasks keep running and
 * reconcile as TASK_RUNNING again.
 */
class PartitionIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(Path.of(System.getProperty("mezzo.assembly.dir")),
                Path.of(System.getProperty("mezzo.nodes.dir")).resolve("partition"), 1, 1,
                Map.of("MEZZO_AGENT_PING_INTERVAL", "1secs", "MEZZO_AGENT_MAX_MISSED_PINGS", "3"),
                Map.of("MEZZO_AGENT_RESOURCES", "cpus:8;mem:4096;disk:4096;ports:[31000-32000]"));
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
        try {
            List<String> plainTasks = ClusterTasks.launch(plain, "plain", 2, "sleep 300", 0.5, 32);
            ClusterTasks.releaseOffers(plain);
            aware = TestScheduler.subscribe(master.baseUri(), framework("aware").addCapabilities(
                    FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build());
            List<String> awareTasks = ClusterTasks.launch(aware, "aware", 2, "sleep 300", 0.5, 32);
            for (String t : plainTasks) {
                plain.awaitState(t, TaskState.TASK_RUNNING, WAIT);
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
                List<TaskState> states = scheduler.states(t);
                assertThat(states.get(states.size() - 1)).as("latest state of %s", t).isEqualTo(TaskState.TASK_RUNNING);
            }
        });
    }
}
