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
 *
 * <p>And a real {@code bundle:update} of the agent to a new revision (the built jar with a new
 * Bundle-Version, from a file URL) with 10 running tasks: the same guarantees, the bundle keeps
 * its id and every other bundle stays as it was (the agent exports no package, so no bundle is
 * wired to it and there is nothing to refresh).
 */
class AgentUpdateIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The qualifier added to the agent's Bundle-Version in the revised jar. */
    private static final String REVISION = "_revised";
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
            assertEndedOnceAndOthersRunning(scheduler, shortTasks, longTasks);
        } finally {
            ClusterTasks.awaitAllTasksEnded(Path.of(node.env("MEZZO_WORK_DIR")), WAIT);
        }
    }

    @Test
    void bundleUpdateOfTheAgentToANewRevisionLeavesTasksRunningAndReportsEndsOnce() throws Exception {
        Path triggers = Files.createDirectories(node.home().resolve("triggers"));
        Path updated = RevisedBundle.write(node, "mezzo-agent", REVISION,
                node.home().resolve("mezzo-agent-revised.jar"));
        String before = node.console("bundle:list -s -t 0", Duration.ofSeconds(60)).output();
        BundleRow agentBefore = agentBundle(before);
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "agent-bundle-update")) {
            // tasks that end when the test says so: 3 as the update starts, 2 once it is over. (Ids
            // unlike the other test's: the agent keys its tasks by task id alone, not per framework.)
            List<String> early = ClusterTasks.launch(scheduler, "upd-early", 3, waitFor(triggers.resolve("early")), 0.2, 16);
            List<String> late = ClusterTasks.launch(scheduler, "upd-late", 2, waitFor(triggers.resolve("late")), 0.2, 16);
            List<String> longTasks = ClusterTasks.launch(scheduler, "upd-long", 5, "sleep 300", 0.2, 16);
            List<String> all = new java.util.ArrayList<>(early);
            all.addAll(late);
            all.addAll(longTasks);
            for (String t : all) {
                scheduler.awaitState(t, TaskState.TASK_RUNNING, WAIT);
            }

            Files.createFile(triggers.resolve("early"));
            MezzoNode.ConsoleResult update = node.console("bundle:update io.mezzo.agent " + updated.toUri(),
                    Duration.ofSeconds(60));
            assertThat(update.exitCode()).as(update.output()).isZero();
            String after = node.console("bundle:list -s -t 0", Duration.ofSeconds(60)).output();
            BundleRow agentAfter = agentBundle(after);
            assertThat(agentAfter.version()).as("the new revision").isEqualTo(agentBefore.version() + REVISION);
            assertThat(agentAfter.id()).as("updated in place").isEqualTo(agentBefore.id());
            assertThat(agentAfter.state()).isEqualTo("Active");
            assertThat(otherBundles(after)).as("no other bundle touched").isEqualTo(otherBundles(before))
                    .hasSizeGreaterThan(10);
            Files.createFile(triggers.resolve("late"));

            for (String t : early) {
                scheduler.awaitState(t, TaskState.TASK_FINISHED, WAIT);
            }
            for (String t : late) {
                scheduler.awaitState(t, TaskState.TASK_FINISHED, WAIT);
            }
            List<String> ended = new java.util.ArrayList<>(early);
            ended.addAll(late);
            assertEndedOnceAndOthersRunning(scheduler, ended, longTasks);
        } finally {
            ClusterTasks.awaitAllTasksEnded(Path.of(node.env("MEZZO_WORK_DIR")), WAIT);
        }
    }

    /**
     * With the agent back: the long tasks reconcile as TASK_RUNNING and never reported an end, and
     * each task in {@code ended} reported TASK_FINISHED exactly once as the framework sees it.
     */
    private static void assertEndedOnceAndOthersRunning(TestScheduler scheduler, List<String> ended,
            List<String> longTasks) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            scheduler.client().reconcile(longTasks.stream().map(t -> Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(t)).build()).toList());
            for (String t : longTasks) {
                List<TaskState> states = scheduler.states(t);
                assertThat(states.get(states.size() - 1)).isEqualTo(TaskState.TASK_RUNNING);
            }
        });
        for (String t : ended) {
            assertThat(Collections.frequency(scheduler.states(t), TaskState.TASK_FINISHED))
                    .as("TASK_FINISHED updates of %s", t).isEqualTo(1);
        }
        for (String t : longTasks) {
            assertThat(scheduler.states(t)).doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED,
                    TaskState.TASK_KILLED, TaskState.TASK_FINISHED);
        }
    }

    /** A shell command that ends (exit 0) once {@code trigger} exists. */
    private static String waitFor(Path trigger) {
        return "while [ ! -e '" + trigger + "' ]; do sleep 0.2; done";
    }

    /** One row of {@code bundle:list -s}. */
    private record BundleRow(String id, String state, String version, String symbolicName) {
    }

    /** The rows of {@code bundle:list -s} output (columns ID, State, Lvl, Version, Symbolic name). */
    private static List<BundleRow> bundles(String list) {
        return list.lines().map(l -> l.split("[│|]")).filter(c -> c.length >= 5 && c[0].trim().matches("\\d+"))
                .map(c -> new BundleRow(c[0].trim(), c[1].trim(), c[3].trim(), c[4].trim())).toList();
    }

    private static BundleRow agentBundle(String list) {
        return bundles(list).stream().filter(b -> b.symbolicName().equals("io.mezzo.agent")).findFirst()
                .orElseThrow(() -> new AssertionError("io.mezzo.agent not in\n" + list));
    }

    private static List<BundleRow> otherBundles(String list) {
        return bundles(list).stream().filter(b -> !b.symbolicName().equals("io.mezzo.agent")).toList();
    }

}
