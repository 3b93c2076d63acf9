package io.mezzo.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.agent.internal.detect.FixedMasterDetector;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.DurationInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.executor.command.internal.RealCommandExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on this machine: fake master, real agent, real command executor, real processes. */
class AgentWithCommandExecutorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser(System.getProperty("user.name"))
            .setName("test").setId(FrameworkID.newBuilder().setValue("fw1")).build();

    @TempDir
    Path workDir;

    private FakeMaster master;
    private RealCommandExecutor executor;
    private Agent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (executor != null) {
            // kill whatever a failed test left running, then stop the executor's threads
            executor.executor().shutdown(Duration.ofMillis(100)).toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            executor.close();
        }
        if (master != null) {
            master.close();
        }
    }

    private void start() throws IOException {
        master = FakeMaster.leader();
        startAgentAndExecutor();
    }

    private void startAgentAndExecutor() throws IOException {
        executor = new RealCommandExecutor();
        AgentSettings settings = new AgentSettings("localhost", Resources.parse("cpus:1;mem:256").toProtos(),
                List.of(), workDir, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        agent = new Agent(settings, executor.executor(), new FixedMasterDetector(master.uri()), Clock.systemUTC());
        agent.start();
        await().atMost(WAIT).until(() -> master.hasStream() && !master.subscribes().isEmpty());
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED).setSubscribed(
                AgentEvent.Subscribed.newBuilder().setAgentId(AgentID.newBuilder().setValue("a1"))).build());
        await().atMost(WAIT).until(() -> agent.snapshot().registered());
    }

    private void run(String id, String command, KillPolicy killPolicy) throws IOException {
        TaskInfo.Builder task = TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setCommand(CommandInfo.newBuilder().setValue(command));
        if (killPolicy != null) {
            task.setKillPolicy(killPolicy);
        }
        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.RUN_TASK).setRunTask(
                AgentEvent.RunTask.newBuilder().setFrameworkInfo(FRAMEWORK).setTask(task)).build());
    }

    /** Acknowledges every update of the task as it arrives, like a well-behaved framework via the master. */
    private List<TaskState> statesUntilTerminal(String id) {
        await().atMost(WAIT).until(() -> {
            for (AgentCall.Update update : master.updates()) {
                TaskStatus status = update.getStatus();
                if (status.getTaskId().getValue().equals(id)) {
                    master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE).setAcknowledge(
                            AgentEvent.Acknowledge.newBuilder().setFrameworkId(FRAMEWORK.getId())
                                    .setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
                }
            }
            return agent.snapshot().tasksByState().isEmpty();
        });
        return master.updates().stream().map(AgentCall.Update::getStatus)
                .filter(s -> s.getTaskId().getValue().equals(id)).map(TaskStatus::getState).distinct().toList();
    }

    @Test
    void echoHelloFinishesWithItsOutputInTheSandbox() throws IOException {
        start();
        run("hello", "echo hello", null);

        assertThat(statesUntilTerminal("hello")).endsWith(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        Path runs = workDir.resolve("agents/a1/frameworks/fw1/executors/hello/runs");
        try (var dirs = Files.list(runs)) {
            Path sandbox = dirs.findFirst().orElseThrow();
            assertThat(sandbox.resolve("stdout")).hasContent("hello");
        }
    }

    @Test
    void killedSleepEndsKilledWithinItsGracePeriod() throws IOException {
        start();
        run("sleeper", "sleep 300", KillPolicy.newBuilder()
                .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(1_000_000_000L)).build());
        await().atMost(WAIT).until(() -> agent.snapshot().tasksByState().containsKey("TASK_RUNNING"));
        long killedAt = System.nanoTime();

        master.send(AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK).setKillTask(AgentEvent.KillTask
                .newBuilder().setFrameworkId(FRAMEWORK.getId()).setTaskId(TaskID.newBuilder().setValue("sleeper")))
                .build());

        assertThat(statesUntilTerminal("sleeper")).endsWith(TaskState.TASK_KILLED);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("1 s grace period, then SIGKILL at the latest")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void restartedAgentAndExecutorReattachToARunningTaskAndReportItsEnd() throws IOException {
        start();
        Path marker = workDir.resolve("go");
        run("waiter", "while [ ! -f " + marker + " ]; do sleep 0.1; done; echo done", null);
        await().atMost(WAIT).until(() -> agent.snapshot().tasksByState().containsKey("TASK_RUNNING"));

        // a bundle update of both: nothing is killed
        agent.close();
        executor.close();
        master.dropStream();
        int subscribesBefore = master.subscribes().size();
        startAgentAndExecutor();

        AgentCall.Subscribe again = master.subscribes().get(subscribesBefore).getSubscribe();
        assertThat(again.getAgentInfo().getId().getValue()).isEqualTo("a1");
        assertThat(again.getTasksList()).singleElement().satisfies(t -> {
            assertThat(t.getTaskId().getValue()).isEqualTo("waiter");
            assertThat(t.getState()).isEqualTo(TaskState.TASK_RUNNING);
        });
        Files.createFile(marker);

        assertThat(statesUntilTerminal("waiter")).endsWith(TaskState.TASK_FINISHED);
    }
}
