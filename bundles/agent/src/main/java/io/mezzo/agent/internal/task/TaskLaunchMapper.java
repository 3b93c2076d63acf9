package io.mezzo.agent.internal.task;

import io.mezzo.api.executor.ExecutorTaskState;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUri;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Environment;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Translates the wire's {@code TaskInfo} into the executor SPI's {@link TaskLaunch}, so executors
 * never see protobuf. A task carries its command directly or (custom executor) inside
 * {@code executor.command}; Mezzo runs both as a command.
 */
public final class TaskLaunchMapper {

    private TaskLaunchMapper() {
    }

    /**
     * @throws IllegalArgumentException if the task has no command to run (it ends as TASK_ERROR)
     */
    public static TaskLaunch toLaunch(String agentId, FrameworkInfo framework, TaskInfo task, Path sandbox) {
        CommandInfo command = command(task)
                .orElseThrow(() -> new IllegalArgumentException("Task has neither command nor executor command"));
        if (command.getShell() && !command.hasValue()) {
            throw new IllegalArgumentException("Shell command task has no command value");
        }
        String taskId = task.getTaskId().getValue();
        String frameworkId = framework.getId().getValue();
        TaskLaunch.Builder launch = command.getShell()
                ? TaskLaunch.shell(taskId, frameworkId, sandbox, command.getValue())
                : TaskLaunch.exec(taskId, frameworkId, sandbox, command.getValue(), command.getArgumentsList());
        if (task.hasExecutor()) {
            launch.executorId(task.getExecutor().getExecutorId().getValue());
        }
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            // secrets are not supported; only plain values reach the task
            if (variable.getType() == Environment.Variable.Type.VALUE || !variable.hasType()) {
                launch.env(variable.getName(), variable.getValue());
            }
        }
        // the variables Mesos' command executor sets, which task scripts commonly rely on
        launch.env("MESOS_SANDBOX", sandbox.toString())
                .env("MESOS_TASK_ID", taskId)
                .env("MESOS_FRAMEWORK_ID", frameworkId)
                .env("MESOS_AGENT_ID", agentId);
        for (CommandInfo.URI uri : command.getUrisList()) {
            launch.uri(new TaskUri(uri.getValue(), uri.getExecutable(), uri.getExtract(),
                    uri.hasOutputFile() ? Optional.of(uri.getOutputFile()) : Optional.empty()));
        }
        String user = command.hasUser() ? command.getUser() : framework.getUser();
        if (!user.isEmpty()) {
            launch.user(user);
        }
        return launch.killGracePeriod(gracePeriod(task.hasKillPolicy() ? task.getKillPolicy() : null)).build();
    }

    /** The kill policy's grace period, or Mesos' default of 3 s when none is given. */
    public static Duration gracePeriod(KillPolicy policy) {
        if (policy == null || !policy.hasGracePeriod()) {
            return TaskLaunch.DEFAULT_KILL_GRACE_PERIOD;
        }
        return Duration.ofNanos(Math.max(0, policy.getGracePeriod().getNanoseconds()));
    }

    /** The id of the (command) executor a task runs under: its own executor's, or the task's. */
    public static String executorId(TaskInfo task) {
        return task.hasExecutor() ? task.getExecutor().getExecutorId().getValue() : task.getTaskId().getValue();
    }

    public static TaskState toTaskState(ExecutorTaskState state) {
        switch (state) {
            case STARTING:
                return TaskState.TASK_STARTING;
            case RUNNING:
                return TaskState.TASK_RUNNING;
            case FINISHED:
                return TaskState.TASK_FINISHED;
            case FAILED:
                return TaskState.TASK_FAILED;
            case KILLED:
                return TaskState.TASK_KILLED;
            case ERROR:
                return TaskState.TASK_ERROR;
            default:
                throw new IllegalArgumentException("unmapped executor state " + state);
        }
    }

    private static Optional<CommandInfo> command(TaskInfo task) {
        if (task.hasCommand()) {
            return Optional.of(task.getCommand());
        }
        if (task.hasExecutor() && task.getExecutor().hasCommand()) {
            return Optional.of(task.getExecutor().getCommand());
        }
        return Optional.empty();
    }
}
