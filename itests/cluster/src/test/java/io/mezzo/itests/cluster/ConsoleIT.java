package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.jmx.AllocatorMBean;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import io.mezzo.itests.harness.MezzoNode.ConsoleResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mezzo: console commands, run through bin/client against a node with a running task. */
class ConsoleIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("console");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void execRunsACommandAsATaskAndPrintsItsOutput() {
        ConsoleResult result = node.console("mezzo:exec \"echo hi\"", COMMAND_TIMEOUT);
        assertThat(result.output()).contains("hi").contains("TASK_FINISHED");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void execOfAFailingCommandSaysSoAndFails() {
        ConsoleResult result = node.console("mezzo:exec \"exit 3\"", COMMAND_TIMEOUT);
        assertThat(result.output()).contains("TASK_FAILED");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void tablesShowTheAgentTheFrameworkAndItsRunningTask() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "console-table")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            scheduler.launch(offer, List.of(
                    TestScheduler.shellTask("console-sleeper", offer.getAgentId(), "sleep 300", 0.1, 32)));
            scheduler.awaitState("console-sleeper", TaskState.TASK_RUNNING, Duration.ofSeconds(60));

            assertThat(node.console("mezzo:agents", COMMAND_TIMEOUT).output())
                    .contains(offer.getAgentId().getValue());
            assertThat(node.console("mezzo:frameworks", COMMAND_TIMEOUT).output())
                    .contains(scheduler.frameworkId()).contains("console-table");
            assertThat(node.console("mezzo:tasks --state TASK_RUNNING", COMMAND_TIMEOUT).output())
                    .contains("console-sleeper");
        }
    }

    /**
     * Every mezzo: command against one framework with running tasks, each with its expected output,
     * and for each family of ids an unknown one, which must give one line and a non-zero exit.
     */
    @Test
    void everyCommandWorksOnALiveClusterAndBadIdsGetOneLine() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "console-all")) {
            String framework = scheduler.frameworkId();
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            String agent = offer.getAgentId().getValue();
            scheduler.launch(offer, List.of(
                    TestScheduler.shellTask("talker", offer.getAgentId(),
                            "echo to-stdout; echo to-stderr >&2; sleep 300", 0.1, 32),
                    TestScheduler.shellTask("victim", offer.getAgentId(), "sleep 300", 0.1, 32),
                    TestScheduler.shellTask("short", offer.getAgentId(), "echo first; sleep 3; echo last", 0.1, 32)));
            for (String task : List.of("talker", "victim", "short")) {
                scheduler.awaitState(task, TaskState.TASK_RUNNING, Duration.ofSeconds(60));
            }
            // what the launch left is offered again; the scheduler holds it for mezzo:offers
            Offer held = scheduler.awaitOffer(Duration.ofSeconds(30));

            assertThat(ok("mezzo:leader")).contains("THIS NODE").contains(String.valueOf(node.httpPort()));
            assertThat(ok("mezzo:state")).contains("TASK_RUNNING").contains("cpus");
            assertThat(ok("mezzo:agents")).contains(agent).contains("MAINTENANCE");
            assertThat(ok("mezzo:frameworks")).contains(framework).contains("console-all");
            assertThat(ok("mezzo:offers")).contains(held.getId().getValue()).contains(framework);
            assertThat(ok("mezzo:tasks --framework " + framework)).contains("talker", "victim", "short");
            assertThat(ok("mezzo:tasks --state running")).contains("talker", "victim");
            assertThat(ok("mezzo:tasks --state TASK_KILLED")).doesNotContain("victim");
            assertThat(ok("mezzo:policies")).contains("drf");
            assertThat(ok("mezzo:policy-set drf")).contains("drf");

            assertThat(ok("mezzo:sandbox talker")).contains("to-stdout").doesNotContain("to-stderr");
            assertThat(ok("mezzo:sandbox --stderr talker")).contains("to-stderr").doesNotContain("to-stdout");
            // --follow prints until the task ends, then returns
            assertThat(ok("mezzo:sandbox --follow short")).contains("first").contains("last");

            assertThat(ok("mezzo:kill victim")).contains("victim");
            scheduler.awaitState("victim", TaskState.TASK_KILLED, Duration.ofSeconds(60));
            assertThat(ok("mezzo:tasks --state TASK_KILLED")).contains("victim");

            assertThat(ok("mezzo:deactivate " + agent)).contains(agent);
            assertThat(ok("mezzo:agents")).containsIgnoringCase("deactivated");
            assertThat(ok("mezzo:reactivate " + agent)).contains(agent);
            scheduler.decline(held, 0);

            // a drain that kills what still runs at once: the agent is drained, then back in service
            assertThat(ok("mezzo:drain --kill-after 0 " + agent)).contains(agent);
            scheduler.awaitState("talker", TaskState.TASK_KILLED, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ok("mezzo:agents").toLowerCase(java.util.Locale.ROOT).contains("drained"));
            assertThat(ok("mezzo:reactivate " + agent)).contains(agent);

            for (String bad : List.of("mezzo:kill no-such-task", "mezzo:sandbox no-such-task",
                    "mezzo:teardown no-such-framework", "mezzo:drain no-such-agent", "mezzo:deactivate no-such-agent",
                    "mezzo:reactivate no-such-agent", "mezzo:policy-set no-such-policy",
                    "mezzo:tasks --state NOT_A_STATE", "mezzo:drain --kill-after -5 " + agent)) {
                ConsoleResult result = node.console(bad, COMMAND_TIMEOUT);
                assertThat(result.exitCode()).as("exit code of %s", bad).isNotZero();
                assertThat(result.output().strip().lines()).as("output of %s", bad).hasSize(1)
                        .allSatisfy(line -> assertThat(line).doesNotContain("Exception").doesNotContain("\tat "));
            }

            assertThat(ok("mezzo:teardown " + framework)).contains(framework);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !ok("mezzo:frameworks").contains(framework));
        }
    }

    /**
     * {@code allocation.interval} changed with config:property-set applies to the running master
     * (the Allocator MBean shows it, and no cycle runs while the new interval has not passed); an
     * invalid value is refused with the reason logged and the old one stays in force.
     */
    @Test
    void allocationIntervalChangesLiveAndAnInvalidValueIsRefused() throws Exception {
        try (JMXConnector jmx = node.connectJmx("karaf", "karaf")) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName allocator = new ObjectName(AllocatorMBean.OBJECT_NAME);
            try {
                ok("config:property-set -p io.mezzo.master allocation.interval 30secs");
                await().atMost(COMMAND_TIMEOUT).until(() -> interval(mbeans, allocator) == 30_000);
                // a cycle already due under the old 1 s interval may still run; after it none for 30 s:
                // the count stays the same for 3 s in a row, which a 1 s interval never allows
                AtomicLong seen = new AtomicLong(-1);
                await().atMost(COMMAND_TIMEOUT).pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(3))
                        .until(() -> seen.getAndSet(cycles(mbeans, allocator)) == seen.get());
                long settled = seen.get();

                ok("config:property-set -p io.mezzo.master allocation.interval abc");
                await().atMost(COMMAND_TIMEOUT).until(() -> java.nio.file.Files.readString(node.logFile())
                        .contains("Refused allocation.interval=abc"));
                assertThat(interval(mbeans, allocator)).as("the old value stays").isEqualTo(30_000);

                ok("config:property-set -p io.mezzo.master allocation.interval 1secs");
                await().atMost(COMMAND_TIMEOUT).until(() -> interval(mbeans, allocator) == 1_000);
                await().atMost(COMMAND_TIMEOUT).until(() -> cycles(mbeans, allocator) > settled);
            } finally {
                node.console("config:property-set -p io.mezzo.master allocation.interval 1secs", COMMAND_TIMEOUT);
            }
        }
    }

    /**
     * {@code policy} changed with config:property-set applies to the running master: a policy
     * installed as a feature becomes active; an unknown one is requested but drf stays active, with
     * the reason in the MBean.
     */
    @Test
    void policyChangesLiveFromTheConfiguration() throws Exception {
        try (JMXConnector jmx = node.connectJmx("karaf", "karaf")) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName allocator = new ObjectName(AllocatorMBean.OBJECT_NAME);
            try {
                ok("feature:install mezzo-allocator-binpack");
                ok("config:property-set -p io.mezzo.master policy binpack");
                await().atMost(COMMAND_TIMEOUT).until(() -> "binpack".equals(mbeans.getAttribute(allocator,
                        "ActivePolicy")));
                assertThat(ok("mezzo:policies")).contains("binpack");

                ok("config:property-set -p io.mezzo.master policy no-such-policy");
                await().atMost(COMMAND_TIMEOUT).until(() -> "no-such-policy".equals(mbeans.getAttribute(allocator,
                        "RequestedPolicy")));
                assertThat(mbeans.getAttribute(allocator, "ActivePolicy")).isEqualTo("drf");
                assertThat((String) mbeans.getAttribute(allocator, "FallbackReason")).contains("no-such-policy");
            } finally {
                node.console("config:property-set -p io.mezzo.master policy drf", COMMAND_TIMEOUT);
                node.console("feature:uninstall mezzo-allocator-binpack", COMMAND_TIMEOUT);
            }
            await().atMost(COMMAND_TIMEOUT).until(() -> "drf".equals(mbeans.getAttribute(allocator, "ActivePolicy"))
                    && ((String) mbeans.getAttribute(allocator, "FallbackReason")).isEmpty());
        }
    }

    private static long interval(MBeanServerConnection mbeans, ObjectName allocator) throws Exception {
        return (Long) mbeans.getAttribute(allocator, "AllocationIntervalMillis");
    }

    private static long cycles(MBeanServerConnection mbeans, ObjectName allocator) throws Exception {
        return (Long) mbeans.getAttribute(allocator, "CyclesRun");
    }

    /** Runs a command that must succeed and returns its output. */
    private static String ok(String command) {
        ConsoleResult result = node.console(command, COMMAND_TIMEOUT);
        assertThat(result.exitCode()).as("exit code of %s; output: %s", command, result.output()).isZero();
        return result.output();
    }
}
