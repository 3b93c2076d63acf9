package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.validation.TaskValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A task as the master tracks it. Owned by the master's event loop; never shared. */
final class TaskEntry {
    final TaskInfo info;
    final String frameworkId;
    final String agentId;
    /** What it takes from its agent: its own resources plus its executor's. */
    final Resources resources;
    TaskState state = TaskState.TASK_STAGING;
    /** The latest status the agent reported (carries the uuid to acknowledge), if any. */
    TaskStatus latestStatus;
    final List<TaskStatus> statuses = new ArrayList<>();
    /** Whether its resources were already given back to the agent's free pool. */
    boolean released;
    Instant updatedAt;

    TaskEntry(TaskInfo info, String frameworkId, String agentId, Instant now) {
        this(info, frameworkId, agentId, now, TaskValidator.required(info));
    }

    /** With {@code resources} = {@code TaskValidator.required(info)}, already computed by the caller. */
    TaskEntry(TaskInfo info, String frameworkId, String agentId, Instant now, Resources resources) {
        this.info = info;
        this.frameworkId = frameworkId;
        this.agentId = agentId;
        this.resources = resources;
        this.updatedAt = now;
    }

    String taskId() {
        return info.getTaskId().getValue();
    }

    String key() {
        return frameworkId + "/" + taskId();
    }

    String executorId() {
        return info.hasExecutor() ? info.getExecutor().getExecutorId().getValue() : "";
    }
}
