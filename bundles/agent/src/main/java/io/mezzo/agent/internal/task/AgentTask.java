package io.mezzo.agent.internal.task;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A task this agent is responsible for, with the newest state it knows of and the status that
 * reported it (absent while the task is still staging). Immutable.
 */
public record AgentTask(FrameworkInfo framework, TaskInfo info, Path sandbox, TaskState state,
        Optional<TaskStatus> lastStatus) {

    public AgentTask withStatus(TaskStatus status) {
        return new AgentTask(framework, info, sandbox, status.getState(), Optional.of(status));
    }

    public String id() {
        return info.getTaskId().getValue();
    }

    public boolean hasCapability(FrameworkInfo.Capability.Type type) {
        return framework.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
    }
}
