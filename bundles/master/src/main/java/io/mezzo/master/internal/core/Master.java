package io.mezzo.master.internal.core;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.v1.Protos.MasterInfo;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.time.Clock;

/**
 * The leading master's logic, as one facade over the state and its handlers. Not thread-safe by
 * design: every method runs on the master's single event loop thread (see {@code MasterLoop}),
 * which is what keeps offers from being double-booked without any locking.
 */
public final class Master {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Master.class);
    private final Cluster cluster;
    private final SchedulerCalls schedulerCalls;
    private final AgentCalls agentCalls;
    private final Housekeeping housekeeping;
    private final AgentMaintenance maintenance;
    private final java.time.Instant electedAt;

    private final java.util.function.Consumer<RegistryState> registryWriter;
    private final PolicyRegistry policies;

    public Master(Clock clock, MasterSettings settings, MasterInfo masterInfo, PolicyRegistry policies,
            CycleStats stats) {
        this(clock, settings, masterInfo, policies, stats, RegistryState.empty(), registry -> { }, MasterEvents.NONE,
                new StreamDirectory());
    }

    /**
     * A leader that starts from {@code recovered} (the registry its predecessor left) and hands
     * every changed registry to {@code registryWriter}, at most once per tick, on the loop thread:
     * the writer must not block (it persists asynchronously and keeps only the latest state).
     *
     * <p>Weights: the configuration's if it sets any, else the last ones the registry recorded (a
     * leader whose configuration says nothing carries on with its predecessor's). From then on a
     * change of the configured weights applies, an empty one included.
     *
     * <p>Policy: the one the registry records wins over this master's configuration, so that a
     * policy chosen by an operator (console, JMX, or configuration of the then leader) outlives a
     * failover; from then on every change of the requested policy is recorded again. Subscribers'
     * current streams are published in {@code streams} for the HTTP threads.
     */
    public Master(Clock clock, MasterSettings settings, MasterInfo masterInfo, PolicyRegistry policies,
            CycleStats stats, RegistryState recovered, java.util.function.Consumer<RegistryState> registryWriter,
            MasterEvents events, StreamDirectory streams) {
        this.cluster = new Cluster(clock, settings, masterInfo, streams);
        this.registryWriter = registryWriter;
        this.policies = policies;
        this.schedulerCalls = new SchedulerCalls(cluster);
        this.agentCalls = new AgentCalls(cluster);
        this.housekeeping = new Housekeeping(cluster, policies, stats);
        this.maintenance = new AgentMaintenance(cluster);
        this.electedAt = clock.instant();
        cluster.events = events;
        cluster.recover(recovered);
        if (settings.weights().isEmpty() && recovered.weights().isPresent()) {
            cluster.applyWeights(recovered.weights().get());
        }
        recovered.policy().filter(p -> !p.equals(policies.requested())).ifPresent(p -> {
            LOG.info("Allocation policy '{}' carried over from the previous leader (this master was configured"
                    + " with '{}')", p, policies.requested());
            policies.request(p);
        });
        // what the registry holds: the first tick records the policy if it differs
        cluster.requestedPolicy = recovered.policy().orElse(null);
    }

    /**
     * New tunables, applied from now on: weights at the next cycle (only if the configured weights
     * changed, so recovered weights survive changes of other keys), intervals at their next due time.
     */
    public void updateSettings(MasterSettings settings) {
        boolean weightsChanged = !settings.weights().equals(cluster.settings.weights());
        cluster.settings = settings;
        if (weightsChanged) {
            cluster.applyWeights(settings.weights());
        }
        housekeeping.settingsChanged();
        cluster.allocationDue = true;
    }

    /** The role weights in force (configured or recovered). */
    public java.util.Map<String, Double> weights() {
        return cluster.weights;
    }

    public MasterInfo masterInfo() {
        return cluster.masterInfo;
    }

    public MasterSettings settings() {
        return cluster.settings;
    }

    /** A validated SUBSCRIBE; the stream already answered 200 and carries its Mesos-Stream-Id. */
    public void subscribeFramework(Call call, EventStream<Event> stream) {
        schedulerCalls.subscribe(call.getSubscribe(), stream);
    }

    /** A validated non-SUBSCRIBE scheduler call. */
    public CallOutcome handleSchedulerCall(Call call, String streamIdHeader) {
        return schedulerCalls.handle(call, streamIdHeader);
    }

    public void subscribeAgent(AgentCall call, EventStream<AgentEvent> stream) {
        agentCalls.subscribe(call.getSubscribe(), stream);
    }

    /** A non-SUBSCRIBE agent call: only from the agent's current subscription. */
    public CallOutcome handleAgentCall(AgentCall call, String streamIdHeader) {
        if (!call.hasAgentId()) {
            return CallOutcome.badRequest("Expecting 'agent_id' to be present");
        }
        AgentEntry agent = cluster.agents.get(call.getAgentId().getValue());
        if (agent == null || agent.stream == null) {
            return CallOutcome.forbidden("Agent is not subscribed");
        }
        if (streamIdHeader == null || !streamIdHeader.equals(agent.stream.id())) {
            return CallOutcome.badRequest("The stream ID '" + streamIdHeader + "' included in this request didn't"
                    + " match the stream ID currently associated with agent ID " + agent.id);
        }
        switch (call.getType()) {
            case UPDATE -> {
                if (!call.hasUpdate() && call.getUpdatesCount() == 0) {
                    return CallOutcome.badRequest("Expecting 'update' or 'updates' to be present");
                }
                if (call.hasUpdate()) {
                    agentCalls.update(agent, call.getUpdate());
                }
                agentCalls.updates(agent, call.getUpdatesList());
            }
            case PONG -> agentCalls.pong(agent);
            default -> {
                return new CallOutcome(501, "Agent call type " + call.getType() + " is not implemented");
            }
        }
        return CallOutcome.ACCEPTED;
    }

    /** A subscriber's stream ended (client gone, write failed or queue overflowed). */
    public void streamClosed(EventStream<?> stream) {
        for (FrameworkEntry f : cluster.frameworks.values()) {
            if (f.stream == stream) {
                disconnectFramework(f);
                return;
            }
        }
        for (AgentEntry a : cluster.agents.values()) {
            if (a.stream == stream) {
                agentCalls.disconnected(a);
                return;
            }
        }
    }

    /**
     * As Mesos: a disconnected framework is inactive, its offers are withdrawn, and it has
     * failover_timeout to re-subscribe before it is removed and its tasks are killed.
     */
    private void disconnectFramework(FrameworkEntry f) {
        cluster.attach(f, null);
        f.disconnectedAt = cluster.now();
        cluster.offers.ofFramework(f.id).forEach(cluster::withdraw);
        cluster.ledger.frameworkInactive(f);
        cluster.allocationDue = true;
        if (f.info.getFailoverTimeout() <= 0) {
            cluster.removeFramework(f, "disconnected with failover timeout 0");
        }
    }

    /** Time-driven work: allocation, timeouts, heartbeats, pings. */
    public void tick() {
        maintenance.tick(cluster.now());
        housekeeping.tick();
        String requested = policies.requested();
        if (!requested.equals(cluster.requestedPolicy)) {
            cluster.requestedPolicy = requested;
            cluster.registryDirty = true;
        }
        if (cluster.registryDirty) {
            cluster.registryDirty = false;
            registryWriter.accept(cluster.registryState());
        }
    }

    /** This master stopped leading: close every stream and forget the state. */
    public void clear() {
        cluster.clear();
    }

    public boolean killTask(String frameworkId, String taskId) {
        FrameworkEntry f = cluster.frameworks.get(frameworkId);
        if (f == null || !f.tasks.containsKey(taskId)) {
            return false;
        }
        schedulerCalls.kill(f, Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).build());
        return true;
    }

    public boolean teardownFramework(String frameworkId) {
        FrameworkEntry f = cluster.frameworks.get(frameworkId);
        if (f == null) {
            return false;
        }
        cluster.removeFramework(f, "teardown by the operator");
        return true;
    }

    /** See {@link io.mezzo.api.master.MasterView#drainAgent}. */
    public MaintenanceResult drainAgent(String agentId, java.util.Optional<java.time.Duration> killGrace) {
        return maintenance.drain(agentId, killGrace);
    }

    public MaintenanceResult deactivateAgent(String agentId) {
        return maintenance.deactivate(agentId);
    }

    public MaintenanceResult reactivateAgent(String agentId) {
        return maintenance.reactivate(agentId);
    }

    /** What the allocation policy sees; call only on the loop thread. */
    io.mezzo.api.allocation.AllocationView allocationView() {
        return cluster.ledger.view();
    }

    /**
     * A validated operator API call. TEARDOWN answers an empty response of type UNKNOWN; the agent
     * maintenance calls answer 200 without a body, or 400 with the reason (unknown agent, ...).
     */
    public OperatorAnswer operatorCall(io.mezzo.api.v1.master.Protos.Call call, java.time.Instant startedAt) {
        switch (call.getType()) {
            case TEARDOWN -> {
                teardownFramework(call.getTeardown().getFrameworkId().getValue());
                return OperatorAnswer.of(io.mezzo.api.v1.master.Protos.Response.getDefaultInstance());
            }
            case DRAIN_AGENT -> {
                io.mezzo.api.v1.master.Protos.Call.DrainAgent drain = call.getDrainAgent();
                if (drain.getMarkGone()) {
                    return OperatorAnswer.badRequest("'mark_gone' is not supported");
                }
                java.util.Optional<java.time.Duration> grace = drain.hasMaxGracePeriod()
                        ? java.util.Optional.of(java.time.Duration.ofSeconds(drain.getMaxGracePeriod().getSeconds(),
                                drain.getMaxGracePeriod().getNanos()))
                        : java.util.Optional.empty();
                return OperatorAnswer.of(drainAgent(drain.getAgentId().getValue(), grace));
            }
            case DEACTIVATE_AGENT -> {
                return OperatorAnswer.of(deactivateAgent(call.getDeactivateAgent().getAgentId().getValue()));
            }
            case REACTIVATE_AGENT -> {
                return OperatorAnswer.of(reactivateAgent(call.getReactivateAgent().getAgentId().getValue()));
            }
            default -> {
                return new OperatorCalls(cluster).answer(call, startedAt, electedAt).map(OperatorAnswer::of)
                        .orElseGet(() -> OperatorAnswer.notImplemented(call.getType()));
            }
        }
    }

    /** Read access for snapshots; call only on the loop thread. */
    public ClusterSnapshots snapshots() {
        return new ClusterSnapshots(cluster);
    }
}
