package io.mezzo.shell.internal.exec;

import io.mezzo.api.resources.Resources;
import io.mezzo.api.resources.Scalar;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.shell.internal.ShellFailure;
import java.time.Duration;

/**
 * What {@code mezzo:exec} runs: one shell command as one task with these resources, given up
 * after {@code timeout}. The task id is its name, as with mesos-execute: each exec subscribes a
 * framework of its own, and task ids only need to be unique within a framework.
 */
public record ExecSpec(String command, double cpus, double mem, String name, Duration timeout) {

    /** @throws ShellFailure for values the master would refuse anyway, said in the console's terms */
    public ExecSpec {
        if (command == null || command.isBlank()) {
            throw new ShellFailure("No command given");
        }
        if (!(cpus > 0)) {
            throw new ShellFailure("--cpus must be greater than 0, got " + cpus);
        }
        if (!(mem > 0)) {
            throw new ShellFailure("--mem must be greater than 0 (MB), got " + mem);
        }
        if (name == null || name.isBlank()) {
            throw new ShellFailure("--name must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ShellFailure("--timeout must be at least 1 second");
        }
    }

    /** The resources the task asks for, unreserved. */
    public Resources resources() {
        return Resources.of("cpus", Scalar.of(cpus)).plus(Resources.of("mem", Scalar.of(mem)));
    }

    /**
     * A framework that lives only as long as this exec: no failover timeout, so if the console
     * dies without a TEARDOWN the master removes it (and its task) as soon as the stream drops.
     */
    public FrameworkInfo framework(String user) {
        return FrameworkInfo.newBuilder().setUser(user).setName("mezzo:exec " + name)
                .setFailoverTimeout(0).build();
    }

    public TaskInfo task(AgentID agent) {
        return TaskInfo.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(name))
                .setAgentId(agent)
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
                .addAllResources(resources().toProtos())
                .build();
    }
}
