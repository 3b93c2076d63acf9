package io.mezzo.agent.internal.task;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import java.nio.file.Path;

/** A task this agent is responsible for, with the newest state it knows of. Immutable. */
public record AgentTask(FrameworkInfo framework, TaskInfo info, Path sandbox, TaskState state) {

    public AgentTask withState(TaskState newState) {
        return new AgentTask(framework, info, sandbox, newState);
    }

    public String id() {
        return info.getTaskId().getValue();
    }

    public boolean hasCapability(FrameworkInfo.Capability.Type type) {
        return framework.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
    }
}
