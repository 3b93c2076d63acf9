package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent bundle stopped and started again through the console while 10 tasks run: the tasks
 * keep running, the new agent re-attaches to them, and the 5 tasks that ended while the agent was
 * down report TASK_FINISHED exactly once as the framework sees it. (A plain bundle:restart is
 * over in well under a second, too short for a task to end in between; stop, wait, start is the
 * same code path with a window that can be observed.)
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
    void stoppingAndStartingTheAgentBundleLeavesTasksRunningAndReportsEndsOnce() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "agent-update")) {
            // 5 tasks end about 15 s after they start, while the agent bundle is stopped
            List<String> shortTasks = ClusterTasks.launch(scheduler, "short", 5, "sleep 15", 0.2, 16);
            List<String> longTasks = ClusterTasks.launch(scheduler, "long", 5, "sleep 300", 0.2, 16);
            for (String t : shortTasks) {
                scheduler.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }
            for (String t : longTasks) {
                scheduler.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }

            MezzoNode.ConsoleResult stop = node.console("bundle:stop io.mezzo.agent", Duration.ofSeconds(60));
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            // the short tasks end with no agent to watch them: their wrapper writes the exit status
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> shortTasks.stream().allMatch(t ->
                    SingleNode.sandboxFile(node, t, "stdout").map(out -> Files.exists(
                            out.getParent().resolve(".mezzo").resolve("exit_status"))).orElse(false)));
            for (String t : shortTasks) {
                assertThat(scheduler.states(t)).as("nothing reported %s's end while the agent was down", t)
                        .doesNotContain(TaskState.TASK_FINISHED);
            }
            MezzoNode.ConsoleResult start = node.console("bundle:start io.mezzo.agent", Duration.ofSeconds(60));
            assertThat(start.exitCode()).as(start.output()).isZero();

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
