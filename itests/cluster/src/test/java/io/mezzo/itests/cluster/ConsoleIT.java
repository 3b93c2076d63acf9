package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import io.mezzo.itests.harness.MezzoNode.ConsoleResult;
import java.time.Duration;
import java.util.List;
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
}
