package io.mezzo.agent.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUri;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.DurationInfo;
import io.mezzo.api.v1.Protos.Environment;
import io.mezzo.api.v1.Protos.ExecutorID;
import io.mezzo.api.v1.Protos.ExecutorInfo;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskLaunchMapperTest {
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("alice").setName("f")
            .setId(FrameworkID.newBuilder().setValue("fw1")).build();
    private static final Path SANDBOX = Path.of("/work/agents/a1/frameworks/fw1/executors/t1/runs/r1");

    private static TaskInfo.Builder task(CommandInfo command) {
        return TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).setCommand(command);
    }

    @Test
    void shellCommandWithEnvironmentUrisAndKillPolicy() {
        CommandInfo command = CommandInfo.newBuilder().setValue("echo $GREETING")
                .setEnvironment(Environment.newBuilder().addVariables(
                        Environment.Variable.newBuilder().setName("GREETING").setValue("hello")))
                .addUris(CommandInfo.URI.newBuilder().setValue("file:///tmp/a.tgz"))
                .addUris(CommandInfo.URI.newBuilder().setValue("/tmp/run.sh").setExecutable(true).setExtract(false)
                        .setOutputFile("go.sh"))
                .build();
        TaskInfo info = task(command).setKillPolicy(KillPolicy.newBuilder()
                .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(7_500_000_000L))).build();

        TaskLaunch launch = TaskLaunchMapper.toLaunch("a1", FRAMEWORK, info, SANDBOX);

        assertThat(launch.taskId()).isEqualTo("t1");
        assertThat(launch.frameworkId()).isEqualTo("fw1");
        assertThat(launch.shell()).isTrue();
        assertThat(launch.command()).isEqualTo("echo $GREETING");
        assertThat(launch.sandbox()).isEqualTo(SANDBOX);
        assertThat(launch.environment()).containsEntry("GREETING", "hello")
                .containsEntry("MESOS_SANDBOX", SANDBOX.toString()).containsEntry("MESOS_TASK_ID", "t1")
                .containsEntry("MESOS_AGENT_ID", "a1");
        // CommandInfo.URI.extract defaults to true, as in Mesos
        assertThat(launch.uris()).containsExactly(new TaskUri("file:///tmp/a.tgz", false, true, Optional.empty()),
                new TaskUri("/tmp/run.sh", true, false, Optional.of("go.sh")));
        assertThat(launch.user()).contains("alice");
        assertThat(launch.killGracePeriod()).isEqualTo(Duration.ofMillis(7500));
        assertThat(launch.executorId()).isEmpty();
    }

    @Test
    void nonShellCommandRunsTheProgramWithItsArgv() {
        CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue("/bin/echo")
                .addAllArguments(List.of("echo", "a b")).setUser("bob").build();

        TaskLaunch launch = TaskLaunchMapper.toLaunch("a1", FRAMEWORK, task(command).build(), SANDBOX);

        assertThat(launch.shell()).isFalse();
        assertThat(launch.command()).isEqualTo("/bin/echo");
        assertThat(launch.arguments()).containsExactly("echo", "a b");
        assertThat(launch.user()).contains("bob");
        assertThat(launch.killGracePeriod()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void customExecutorCommandRunsAsACommandUnderItsExecutorId() {
        TaskInfo info = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("ex1"))
                        .setCommand(CommandInfo.newBuilder().setValue("./my-executor")))
                .build();

        TaskLaunch launch = TaskLaunchMapper.toLaunch("a1", FRAMEWORK, info, SANDBOX);

        assertThat(launch.command()).isEqualTo("./my-executor");
        assertThat(launch.executorId()).contains("ex1");
        assertThat(TaskLaunchMapper.executorId(info)).isEqualTo("ex1");
    }

    @Test
    void taskWithoutCommandIsInvalid() {
        TaskInfo info = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build();

        assertThatIllegalArgumentException().isThrownBy(() -> TaskLaunchMapper.toLaunch("a1", FRAMEWORK, info, SANDBOX))
                .withMessageContaining("neither command");
    }

    @Test
    void sandboxFollowsTheMesosLayoutWithSafeSegments() {
        SandboxLayout layout = new SandboxLayout(Path.of("/work"));

        assertThat(layout.sandbox("a1", "fw1", "t1", "r1"))
                .isEqualTo(Path.of("/work/agents/a1/frameworks/fw1/executors/t1/runs/r1"));
        assertThat(layout.sandbox("a1", "fw/../x", "..", "r1").normalize().startsWith(Path.of("/work/agents/a1/frameworks")))
                .isTrue();
        assertThat(SandboxLayout.segment("..")).isEqualTo("%2E%2E");
        Path one = layout.newSandbox("a1", "fw1", "t1");
        Path two = layout.newSandbox("a1", "fw1", "t1");
        assertThat(one).isNotEqualTo(two);
        assertThat(one.getParent()).isEqualTo(two.getParent());
    }
}
