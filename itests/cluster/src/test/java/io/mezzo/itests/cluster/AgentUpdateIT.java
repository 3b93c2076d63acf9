package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bundle:restart of the agent bundle through the console while 10 tasks run: the tasks keep
 * running, the new agent re-attaches to them, and the tasks that ended meanwhile report
 * TASK_FINISHED exactly once as the framework sees it.
 */
class AgentUpdateIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("agent-update");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void restartingTheAgentBundleLeavesTasksRunningAndReportsEndsOnce() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "agent-update")) {
            // 5 tasks end about 20 s after they start: while the agent bundle is down or just back
            List<String> shortTasks = ClusterTasks.launch(scheduler, "short", 5, "sleep 20", 0.2, 16);
            List<String> longTasks = ClusterTasks.launch(scheduler, "long", 5, "sleep 300", 0.2, 16);
            for (String t : shortTasks) {
                scheduler.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }
            for (String t : longTasks) {
                scheduler.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }

            MezzoNode.ConsoleResult restart = node.console("bundle:restart io.mezzo.agent", Duration.ofSeconds(60));
            assertThat(restart.exitCode()).as(restart.output()).isZero();

            for (String t : shortTasks) {
                scheduler.awaitState(t, TaskState.TASK_FINISHED, WAIT);
            }
            // the long ones are still running, as the re-attached agent reports them
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                scheduler.client().reconcile(longTasks.stream().map(t -> Call.Reconcile.Task.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(t)).build()).toList());
                for (String t : longTasks) {
                    List<TaskState> states = scheduler.states(t);
                    assertThat(states.get(states.size() - 1)).isEqualTo(TaskState.TASK_RUNNING);
                }
            });
            for (String t : shortTasks) {
                assertThat(Collections.frequency(scheduler.states(t), TaskState.TASK_FINISHED))
                        .as("TASK_FINISHED updates of %s", t).isEqualTo(1);
            }
            for (String t : longTasks) {
                assertThat(scheduler.states(t)).doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED,
                        TaskState.TASK_KILLED, TaskState.TASK_FINISHED);
            }
        } finally {
            ClusterTasks.awaitAllTasksEnded(Path.of(node.env("MEZZO_WORK_DIR")), WAIT);
        }
    }
}
