package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code bundle:update} of the master to a new revision on the single node while tasks run, as an
 * operator deploys a fix: the master goes away and comes back, is elected again, and carries on
 * from its registry. The agent re-registers with its tasks, and the framework re-subscribes with its
 * id. No task is lost, and tasks that ended while the framework had no master to talk to report
 * TASK_FINISHED exactly once.
 */
class MasterUpdateIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("master-update");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void bundleUpdateOfTheMasterLosesNoTaskAndNoStatusUpdate() throws Exception {
        Path trigger = node.home().resolve("end-the-short-tasks");
        Path revised = RevisedBundle.write(node, "mezzo-master", "_revised",
                node.home().resolve("mezzo-master-revised.jar"));
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("root").setName("master-update").addRoles("*")
                .setFailoverTimeout(300).build();
        TestScheduler first = TestScheduler.subscribe(node.baseUri(), info);
        TestScheduler again = null;
        try {
            List<String> ending = ClusterTasks.launch(first, "mu-ending", 3,
                    "while [ ! -e '" + trigger + "' ]; do sleep 0.2; done", 0.2, 16);
            List<String> running = ClusterTasks.launch(first, "mu-long", 3, "sleep 300", 0.2, 16);
            List<String> all = new ArrayList<>(ending);
            all.addAll(running);
            for (String t : all) {
                first.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }

            MezzoNode.ConsoleResult update = node.console("bundle:update io.mezzo.master " + revised.toUri(),
                    Duration.ofSeconds(60));
            assertThat(update.exitCode()).as(update.output()).isZero();
            assertThat(node.console("bundle:list -s -t 0", Duration.ofSeconds(60)).output().lines()
                    .filter(l -> l.strip().endsWith("io.mezzo.master"))).singleElement()
                    .satisfies(l -> assertThat(l).contains("_revised").contains("Active"));
            // the tasks end while the framework has no master stream: their updates wait on the agent
            Files.createFile(trigger);
            first.client().close();

            again = ClusterTasks.resubscribe(List.of(node), ClusterTasks.withId(info, first.frameworkId()), WAIT);
            assertThat(again.frameworkId()).isEqualTo(first.frameworkId());
            for (String t : ending) {
                again.awaitState(t, TaskState.TASK_FINISHED, WAIT);
            }
            TestScheduler scheduler = again;
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                scheduler.client().reconcile(running.stream().map(t -> Call.Reconcile.Task.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(t)).build()).toList());
                for (String t : running) {
                    assertThat(scheduler.states(t)).contains(TaskState.TASK_RUNNING);
                }
            });
            for (String t : ending) {
                assertThat(Collections.frequency(again.states(t), TaskState.TASK_FINISHED) + Collections.frequency(
                        first.states(t), TaskState.TASK_FINISHED)).as("TASK_FINISHED updates of %s", t).isEqualTo(1);
            }
            for (String t : all) {
                assertThat(again.states(t)).as("updates of %s after the update", t)
                        .doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
                                TaskState.TASK_UNREACHABLE, TaskState.TASK_DROPPED);
            }
        } finally {
            first.client().close();
            if (again != null) {
                again.close(); // TEARDOWN: the master kills the test's tasks
            }
            ClusterTasks.awaitAllTasksEnded(Path.of(node.env("MEZZO_WORK_DIR")), WAIT);
        }
    }
}
