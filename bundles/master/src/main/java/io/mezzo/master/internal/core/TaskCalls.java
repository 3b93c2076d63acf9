package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.util.ArrayList;

/** ACKNOWLEDGE and RECONCILE. */
final class TaskCalls {
    private final Cluster cluster;

    TaskCalls(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Forwards the acknowledgement to the agent; an acknowledged terminal update completes the task. */
    void acknowledge(FrameworkEntry framework, Call.Acknowledge ack) {
        AgentEntry agent = cluster.agents.get(ack.getAgentId().getValue());
        if (agent != null && agent.stream != null) {
            agent.stream.send(AgentEvents.acknowledge(framework.id, ack.getTaskId(), ack.getUuid()));
        }
        TaskEntry task = cluster.findTask(framework, ack.getTaskId().getValue());
        if (task != null && task.latestStatus != null && task.latestStatus.getUuid().equals(ack.getUuid())
                && TaskStateMachine.isTerminal(task.state)) {
            framework.complete(task);
            if (agent != null) {
                agent.tasks.remove(task.key());
            }
        }
    }

    void reconcile(FrameworkEntry framework, Call.Reconcile reconcile) {
        if (reconcile.getTasksCount() == 0) {
            for (TaskEntry task : new ArrayList<>(framework.tasks.values())) {
                cluster.sendUpdate(framework, latest(task));
            }
            return;
        }
        for (Call.Reconcile.Task t : reconcile.getTasksList()) {
            TaskEntry task = cluster.findTask(framework, t.getTaskId().getValue());
            if (task != null) {
                cluster.sendUpdate(framework, latest(task));
            } else {
                reconcileUnknown(framework, t.getTaskId(), t.hasAgentId() ? t.getAgentId().getValue() : null);
            }
        }
    }

    /**
     * A task the master does not track: TASK_GONE if its agent is registered, TASK_UNREACHABLE if the
     * agent is unreachable, TASK_UNKNOWN otherwise — TASK_LOST for frameworks that are not
     * partition-aware (Mesos' Master::reconcile). No answer while the agent is still expected to
     * re-register after a failover: it will report the task itself, and an answer now would be a
     * false TASK_LOST.
     */
    void reconcileUnknown(FrameworkEntry framework, TaskID taskId, String agentId) {
        AgentEntry agent = agentId == null ? null : cluster.agents.get(agentId);
        if (agent != null && agent.recovering) {
            return;
        }
        TaskState state;
        if (agent == null) {
            state = TaskState.TASK_UNKNOWN;
        } else if (agent.unreachable) {
            state = TaskState.TASK_UNREACHABLE;
        } else {
            state = TaskState.TASK_GONE;
        }
        if (!framework.partitionAware()) {
            state = TaskState.TASK_LOST;
        }
        TaskStatus completed = framework.completedTasks.containsKey(taskId.getValue())
                ? latest(framework.completedTasks.get(taskId.getValue())) : null;
        cluster.sendUpdate(framework, completed != null ? completed : cluster.masterStatus(taskId.getValue(), agentId,
                state, TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown"));
    }

    /** The task's latest state as a master-sourced status without uuid. */
    private TaskStatus latest(TaskEntry task) {
        TaskStatus.Builder b = cluster.masterStatus(task.taskId(), task.agentId, task.state,
                TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Latest task state").toBuilder();
        if (task.latestStatus != null && task.latestStatus.hasExecutorId()) {
            b.setExecutorId(task.latestStatus.getExecutorId());
        }
        return b.build();
    }
}
