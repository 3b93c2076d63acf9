package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.ExecutorID;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.Protos.TimeInfo;
import io.mezzo.api.resources.Resources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leading master's state — frameworks, agents, offers, tasks — and the mutations several call
 * handlers share. Single writer: only the master's event loop thread touches it.
 */
final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final int MAX_COMPLETED_FRAMEWORKS = 50;

    final Clock clock;
    MasterSettings settings;
    final MasterInfo masterInfo;
    final Map<String, FrameworkEntry> frameworks = new LinkedHashMap<>();
    final Map<String, FrameworkEntry> completedFrameworks = new LinkedHashMap<>();
    final Map<String, AgentEntry> agents = new LinkedHashMap<>();
    final OfferBook offers = new OfferBook();
    /** What the allocation policy sees; every change to offers, tasks, agents and frameworks goes through it too. */
    final LedgerKeeper ledger = new LedgerKeeper();
    /** Set when resources or demand change; the next tick runs an allocation cycle. */
    boolean allocationDue;
    /**
     * Set when membership, maintenance, weights or the requested policy change; the next tick hands
     * the registry to its writer.
     */
    boolean registryDirty;
    /** Every framework's and agent's current stream, for the HTTP threads; see {@link #attach}. */
    final StreamDirectory streams;
    /** Agents whose drain is under way (DRAINING), checked every tick. */
    final Set<String> draining = new LinkedHashSet<>();
    /** The role weights in force: the configuration's, or the registry's (see {@link Master}). */
    Map<String, Double> weights = Map.of();
    /** The allocation policy last asked for (configuration or operator), as the registry records it. */
    String requestedPolicy;
    MasterEvents events = MasterEvents.NONE;
    private long nextFrameworkId;
    private long nextAgentId;
    private long nextOfferId;

    Cluster(Clock clock, MasterSettings settings, MasterInfo masterInfo, StreamDirectory streams) {
        this.clock = clock;
        this.streams = streams;
        this.settings = settings;
        this.masterInfo = masterInfo;
        applyWeights(settings.weights());
    }

    /** Role weights from the next allocation cycle on; they go to the registry for the next leader. */
    void applyWeights(Map<String, Double> next) {
        if (!next.equals(weights)) {
            weights = Map.copyOf(next);
            ledger.weights(weights);
            registryDirty = true;
            allocationDue = true;
        }
    }

    /** A framework's stream from now on (null: none, it is disconnected); every change goes through here. */
    void attach(FrameworkEntry framework, EventStream<io.mezzo.api.v1.scheduler.Protos.Event> stream) {
        framework.stream = stream;
        framework.connected = stream != null;
        streams.framework(framework.id, stream);
    }

    /** An agent's stream from now on (null: none); every change goes through here. */
    void attach(AgentEntry agent, EventStream<io.mezzo.api.agent.AgentProtos.AgentEvent> stream) {
        agent.stream = stream;
        streams.agent(agent.id, stream);
    }

    Instant now() {
        return clock.instant();
    }

    String newFrameworkId() {
        return String.format("%s-%04d", masterInfo.getId(), nextFrameworkId++);
    }

    String newAgentId() {
        return masterInfo.getId() + "-S" + nextAgentId++;
    }

    String newOfferId() {
        return masterInfo.getId() + "-O" + nextOfferId++;
    }

    /** What an agent has neither in use by tasks nor held in offers. */
    Resources available(AgentEntry agent) {
        return agent.total.minus(agent.used).minus(offers.offeredOn(agent.id));
    }

    TaskEntry findTask(FrameworkEntry framework, String taskId) {
        return framework.tasks.get(taskId);
    }

    /** Sends RESCIND for an outstanding offer to its framework and frees its resources. */
    void rescind(OfferBook.Offer offer) {
        withdraw(offer);
        FrameworkEntry f = frameworks.get(offer.frameworkId());
        if (f != null && f.connected) {
            f.stream.send(SchedulerEvents.rescind(offer.id()));
        }
        allocationDue = true;
    }

    /** Removes an offer without telling its framework (it knows, or is gone); its resources are free again. */
    void withdraw(OfferBook.Offer offer) {
        if (offers.remove(offer.id()).isPresent()) {
            ledger.unbook(offer.frameworkId(), offer.agentId(), offer.resources());
        }
    }

    void rescindAll(Collection<OfferBook.Offer> toRescind) {
        new ArrayList<>(toRescind).forEach(this::rescind);
    }

    /** Sends a status update to the task's framework if it is connected; disconnected ones reconcile later. */
    void sendUpdate(FrameworkEntry framework, TaskStatus status) {
        if (framework.connected) {
            framework.stream.send(SchedulerEvents.update(status));
        }
    }

    /** A status the master itself generates: no uuid, so nobody acknowledges or retries it. */
    TaskStatus masterStatus(String taskId, String agentId, TaskState state, TaskStatus.Reason reason,
            String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setState(state).setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setMessage(message)
                .setTimestamp(now().toEpochMilli() / 1000.0);
        if (agentId != null) {
            b.setAgentId(AgentID.newBuilder().setValue(agentId));
        }
        if (state == TaskState.TASK_UNREACHABLE) {
            b.setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(now().toEpochMilli() * 1_000_000L));
        }
        return b.build();
    }

    /** Applies a state to a tracked task: records it and frees its resources when it becomes terminal. */
    void applyState(TaskEntry task, TaskStatus status, TaskState state) {
        if (TaskStateMachine.allows(task.state, state)) {
            task.state = state;
        }
        task.statuses.add(status);
        task.updatedAt = now();
        if (TaskStateMachine.isTerminal(task.state) || task.state == TaskState.TASK_UNREACHABLE) {
            release(task);
        }
    }

    void release(TaskEntry task) {
        if (task.released) {
            return;
        }
        task.released = true;
        AgentEntry agent = agents.get(task.agentId);
        if (agent != null) {
            agent.used = agent.used.minus(task.resources);
            ledger.unbook(task.frameworkId, task.agentId, task.resources);
        }
        allocationDue = true;
    }

    /** Ends a task from the master's side (kill on removal, agent lost): update, free, tell the framework. */
    void terminateByMaster(FrameworkEntry framework, TaskEntry task, TaskState state, TaskStatus.Reason reason,
            String message) {
        TaskStatus status = masterStatus(task.taskId(), task.agentId, state, reason, message);
        if (task.info.hasExecutor()) {
            status = status.toBuilder().setExecutorId(task.info.getExecutor().getExecutorId()).build();
        }
        applyState(task, status, state);
        sendUpdate(framework, status);
        if (TaskStateMachine.isTerminal(state)) {
            framework.complete(task);
            AgentEntry agent = agents.get(task.agentId);
            if (agent != null) {
                agent.tasks.remove(task.key());
            }
        }
    }

    /**
     * Asks the task's agent to kill it (SIGTERM, then SIGKILL after the task's grace period); a task
     * still staging whose agent is not connected is KILLED here, as it never started.
     */
    void kill(FrameworkEntry framework, TaskEntry task) {
        AgentEntry agent = agents.get(task.agentId);
        if (agent != null && agent.stream != null) {
            agent.stream.send(AgentEvents.killTask(framework.id, task.info.getTaskId()));
        } else if (task.state == TaskState.TASK_STAGING) {
            terminateByMaster(framework, task, TaskState.TASK_KILLED,
                    TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, "Killed before reaching its agent");
        }
    }

    /** Removes a framework at once (TEARDOWN, failover timeout): its offers go, its tasks are killed. */
    void removeFramework(FrameworkEntry framework, String why) {
        LOG.info("Removing framework {} ({}): {}", framework.id, framework.info.getName(), why);
        offers.ofFramework(framework.id).forEach(this::withdraw);
        for (TaskEntry task : new ArrayList<>(framework.tasks.values())) {
            AgentEntry agent = agents.get(task.agentId);
            if (agent != null && agent.stream != null) {
                agent.stream.send(AgentEvents.shutdownFramework(framework.id));
            }
            terminateByMaster(framework, task, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_FRAMEWORK_REMOVED,
                    "Framework " + framework.id + " removed: " + why);
        }
        if (framework.stream != null) {
            framework.stream.close();
        }
        attach(framework, null);
        // a task the state machine kept alive (no transition to KILLED) still frees its resources
        framework.tasks.values().forEach(this::release);
        ledger.frameworkRemoved(framework);
        frameworks.remove(framework.id);
        registryDirty = true;
        completedFrameworks.put(framework.id, framework);
        if (completedFrameworks.size() > MAX_COMPLETED_FRAMEWORKS) {
            completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
        }
        allocationDue = true;
    }

    /**
     * Gives up on an agent (missed pings, or gone longer than agent.reregister.timeout): its tasks
     * become TASK_UNREACHABLE (partition-aware frameworks) or TASK_LOST, its offers are rescinded,
     * and every connected framework is sent FAILURE.
     */
    void markUnreachable(AgentEntry agent, String why) {
        LOG.warn("Agent {} ({}) is unreachable: {}", agent.id, agent.hostname(), why);
        agent.active = false;
        agent.unreachable = true;
        agent.recovering = false;
        registryDirty = true;
        ledger.agentActive(agent, false);
        rescindAll(offers.ofAgent(agent.id));
        for (TaskEntry task : new ArrayList<>(agent.tasks.values())) {
            FrameworkEntry f = frameworks.get(task.frameworkId);
            if (f != null && !TaskStateMachine.isTerminal(task.state)) {
                TaskState state = f.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
                terminateByMaster(f, task, state, TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agent.id
                        + " removed: " + why);
            }
        }
        for (FrameworkEntry f : frameworks.values()) {
            if (f.connected) {
                f.stream.send(SchedulerEvents.agentLost(agent.id));
            }
        }
        if (agent.stream != null) {
            agent.stream.close();
        }
        attach(agent, null);
        events.agentUnreachable(agent.id, agent.hostname(), why);
    }

    /** Kills tasks of a framework on an agent that run under an executor (SHUTDOWN call). */
    List<TaskEntry> tasksOfExecutor(FrameworkEntry framework, String agentId, ExecutorID executorId) {
        return framework.tasks.values().stream().filter(t -> t.agentId.equals(agentId))
                .filter(t -> t.executorId().equals(executorId.getValue())
                        || t.taskId().equals(executorId.getValue()))
                .toList();
    }

    /**
     * The registry's view of this state: reachable agents, unreachable ones under maintenance,
     * frameworks not removed, the weights in force, the policy asked for.
     */
    RegistryState registryState() {
        return new RegistryState(agents.values().stream().filter(a -> !a.unreachable || a.maintenance().any())
                .map(a -> new RegistryState.Agent(a.info, a.maintenance(), a.unreachable)).toList(),
                frameworks.values().stream().map(f -> f.info).toList(), Optional.of(weights),
                Optional.ofNullable(requestedPolicy));
    }

    /**
     * A new leader's starting point: every agent of the registry is expected back within
     * agent.reregister.timeout (until then it is known but inactive, and offers nothing); every
     * framework is kept, disconnected, for its failover timeout counted from now.
     */
    void recover(RegistryState registry) {
        Instant now = now();
        for (RegistryState.Agent recorded : registry.agents()) {
            AgentEntry agent = new AgentEntry(recorded.id(), recorded.info(), now);
            agent.disconnectedAt = now;
            // an agent already given up on stays so (no second FAILURE); it is kept for its maintenance
            agent.unreachable = recorded.unreachable();
            agent.recovering = !recorded.unreachable();
            agent.deactivated = recorded.maintenance().deactivated();
            agent.drain = recorded.maintenance().drain().orElse(null);
            if (agent.drain != null && agent.drain.draining()) {
                draining.add(agent.id);
            }
            agents.put(agent.id, agent);
            ledger.agentSubscribed(agent, false);
            ledger.agentActive(agent, false);
        }
        for (io.mezzo.api.v1.Protos.FrameworkInfo info : registry.frameworks()) {
            FrameworkEntry framework = new FrameworkEntry(info.getId().getValue(), info, now);
            framework.disconnectedAt = now;
            frameworks.put(framework.id, framework);
            ledger.frameworkAdded(framework);
            ledger.frameworkInactive(framework);
        }
        if (!registry.agents().isEmpty() || !registry.frameworks().isEmpty()) {
            LOG.info("Recovered {} agents and {} frameworks from the registry; waiting {} for the agents to"
                    + " re-register", registry.agents().size(), registry.frameworks().size(),
                    Durations.print(settings.agentReregisterTimeout()));
        }
    }

    /** Drops everything (this master stopped leading): every stream is closed, subscribers go elsewhere. */
    void clear() {
        frameworks.values().forEach(f -> {
            if (f.stream != null) {
                f.stream.close();
            }
        });
        agents.values().forEach(a -> {
            if (a.stream != null) {
                a.stream.close();
            }
        });
        frameworks.clear();
        completedFrameworks.clear();
        agents.clear();
        streams.clear();
        draining.clear();
        offers.clear();
    }
}
