package io.mezzo.master.internal.core;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.AgentInfo;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent protocol: registration and re-registration, status updates, pongs.
 *
 * <p>Rule for agents that come back after being marked unreachable (Mesos ≥ 1.5): they are
 * re-admitted with the tasks they still run; those tasks go back to their reported state
 * (partition-aware frameworks see UNREACHABLE → RUNNING). Tasks the master tracked on the agent
 * but the agent no longer reports end as TASK_LOST.
 */
final class AgentCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCalls.class);
    private final Cluster cluster;
    /** Agents recovered from the registry that have not re-registered yet; counted at the first one's return. */
    private int recoveringLeft = -1;
    private int recoveringTotal;

    AgentCalls(Cluster cluster) {
        this.cluster = cluster;
    }

    void subscribe(AgentCall.Subscribe subscribe, EventStream<AgentEvent> stream) {
        AgentInfo info = subscribe.getAgentInfo();
        String id = info.hasId() ? info.getId().getValue() : cluster.newAgentId();
        info = info.toBuilder().setId(io.mezzo.api.v1.Protos.AgentID.newBuilder().setValue(id)).build();
        AgentEntry agent = cluster.agents.get(id);
        if (agent == null) {
            agent = new AgentEntry(id, info, cluster.now());
            cluster.agents.put(id, agent);
            cluster.ledger.agentSubscribed(agent, false);
            LOG.info("Agent {} at {} registered with {}", id, info.getHostname(), agent.total);
        } else {
            if (agent.stream != null && agent.stream != stream) {
                agent.stream.close();
            }
            cluster.offers.ofAgent(id).forEach(cluster::rescind);
            agent.info = info;
            agent.total = Resources.fromProtos(info.getResourcesList());
            cluster.ledger.agentSubscribed(agent, true);
            agent.reregisteredAt = cluster.now();
            if (agent.recovering) {
                // after a failover every agent does this at once: one line per agent would cost the loop
                LOG.debug("Agent {} at {} re-registered with {} tasks", id, info.getHostname(), subscribe.getTasksCount());
                countRecovered(agent);
            } else {
                LOG.info("Agent {} at {} re-registered with {} tasks", id, info.getHostname(), subscribe.getTasksCount());
            }
        }
        cluster.attach(agent, stream);
        agent.active = true;
        cluster.registryDirty = true;
        // a deactivated or draining agent stays so across re-registration (and failover)
        cluster.ledger.agentActive(agent, agent.offering());
        agent.drainKillsSent = false;
        agent.unreachable = false;
        agent.recovering = false;
        agent.disconnectedAt = null;
        agent.awaitingPong = false;
        agent.missedPings = 0;
        agent.nextPingAt = cluster.now().plus(cluster.settings.agentPingInterval());
        Set<String> removedFrameworks = adoptTasks(agent, subscribe);
        double ping = cluster.settings.agentPingInterval().toMillis() / 1000.0;
        stream.send(AgentEvents.subscribed(id, ping, cluster.masterInfo));
        // after SUBSCRIBED: an agent obeys nothing that comes before it
        removedFrameworks.forEach(fwId -> stream.send(AgentEvents.shutdownFramework(fwId)));
        cluster.allocationDue = true;
    }

    /**
     * One more agent of the registry is back (called before its {@code recovering} flag is
     * cleared); the last one is logged with the time since this master took office.
     */
    private void countRecovered(AgentEntry agent) {
        if (recoveringLeft < 0) {
            recoveringTotal = (int) cluster.agents.values().stream().filter(a -> a.recovering).count();
            recoveringLeft = recoveringTotal;
        }
        if (--recoveringLeft == 0) {
            LOG.info("All {} agents of the registry re-registered, the last {} after this master took office",
                    recoveringTotal, Durations.print(java.time.Duration.between(agent.disconnectedAt, cluster.now())));
        }
    }

    /**
     * Re-registration: the agent's report is the truth about what runs there. Returns the removed
     * frameworks it still runs tasks of, to be shut down there.
     */
    private Set<String> adoptTasks(AgentEntry agent, AgentCall.Subscribe subscribe) {
        Set<String> reported = new HashSet<>();
        Set<String> removed = new java.util.LinkedHashSet<>();
        for (Task task : subscribe.getTasksList()) {
            String fwId = task.getFrameworkId().getValue();
            FrameworkEntry framework = cluster.frameworks.get(fwId);
            if (framework == null) {
                FrameworkInfo info = subscribe.getFrameworksList().stream()
                        .filter(f -> f.getId().getValue().equals(fwId)).findFirst()
                        .orElse(FrameworkInfo.newBuilder().setUser("").setName("").setId(task.getFrameworkId()).build());
                if (cluster.completedFrameworks.containsKey(fwId)) {
                    removed.add(fwId);
                    continue;
                }
                // a framework of a previous leader: kept for its failover timeout to re-subscribe
                framework = new FrameworkEntry(fwId, info, cluster.now());
                framework.disconnectedAt = cluster.now();
                cluster.frameworks.put(fwId, framework);
                cluster.registryDirty = true;
                cluster.ledger.frameworkAdded(framework);
                cluster.ledger.frameworkInactive(framework);
            }
            reported.add(fwId + "/" + task.getTaskId().getValue());
            adoptTask(agent, framework, task);
        }
        for (TaskEntry known : agent.tasks.values().toArray(TaskEntry[]::new)) {
            FrameworkEntry f = cluster.frameworks.get(known.frameworkId);
            if (!reported.contains(known.key()) && f != null && !TaskStateMachine.isTerminal(known.state)) {
                cluster.terminateByMaster(f, known, f.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
                        TaskStatus.Reason.REASON_AGENT_REREGISTERED, "Task not reported by re-registering agent");
            }
        }
        return removed;
    }

    private void adoptTask(AgentEntry agent, FrameworkEntry framework, Task task) {
        TaskEntry entry = framework.tasks.get(task.getTaskId().getValue());
        if (entry == null || !entry.agentId.equals(agent.id)) {
            TaskInfo info = TaskInfo.newBuilder().setName(task.getName()).setTaskId(task.getTaskId())
                    .setAgentId(agent.info.getId()).addAllResources(task.getResourcesList()).build();
            entry = new TaskEntry(info, framework.id, agent.id, cluster.now());
            framework.tasks.put(entry.taskId(), entry);
            framework.completedTasks.remove(entry.taskId());
            agent.tasks.put(entry.key(), entry);
            agent.used = agent.used.plus(entry.resources);
            cluster.ledger.book(framework.id, agent.id, entry.resources);
        } else if (entry.released && !TaskStateMachine.isTerminal(task.getState())) {
            entry.released = false;
            agent.used = agent.used.plus(entry.resources);
            cluster.ledger.book(framework.id, agent.id, entry.resources);
        }
        entry.state = task.getState();
        if (task.getStatusesCount() > 0) {
            entry.latestStatus = task.getStatuses(task.getStatusesCount() - 1);
        }
        if (TaskStateMachine.isTerminal(entry.state)) {
            cluster.release(entry);
        }
    }

    /** UPDATE with a single update (the call's {@code update} field). */
    void update(AgentEntry agent, AgentCall.Update update) {
        updates(agent, List.of(update));
    }

    /**
     * A batch of updates, in order, each on its own: one for a framework or task the master does
     * not know changes nothing for the others. A framework that is gone for good is told to the
     * agent once per batch (SHUTDOWN_FRAMEWORK), however many of its updates the batch holds.
     */
    void updates(AgentEntry agent, List<AgentCall.Update> updates) {
        Set<String> shutDown = new HashSet<>();
        for (AgentCall.Update update : updates) {
            apply(agent, update, shutDown);
        }
    }

    /** One update: track the state, free terminal tasks' resources, forward to the framework for acknowledgement. */
    private void apply(AgentEntry agent, AgentCall.Update update, Set<String> shutDown) {
        String fwId = update.getFrameworkId().getValue();
        FrameworkEntry framework = cluster.frameworks.get(fwId);
        if (framework == null) {
            if (cluster.completedFrameworks.containsKey(fwId) && shutDown.add(fwId)) {
                agent.stream.send(AgentEvents.shutdownFramework(fwId));
            }
            return;
        }
        TaskStatus status = update.getStatus().toBuilder().setAgentId(agent.info.getId()).build();
        TaskEntry task = framework.tasks.get(status.getTaskId().getValue());
        if (task != null) {
            TaskState newest = update.hasLatestState() ? update.getLatestState() : status.getState();
            task.latestStatus = status;
            cluster.applyState(task, status, newest);
        }
        cluster.sendUpdate(framework, status);
    }

    void pong(AgentEntry agent) {
        agent.awaitingPong = false;
        agent.missedPings = 0;
    }

    /** The agent's stream broke: no offers from it; it has agent.reregister.timeout to come back. */
    void disconnected(AgentEntry agent) {
        LOG.info("Agent {} disconnected", agent.id);
        cluster.attach(agent, null);
        agent.active = false;
        cluster.ledger.agentActive(agent, false);
        agent.disconnectedAt = cluster.now();
        cluster.rescindAll(cluster.offers.ofAgent(agent.id));
    }
}
