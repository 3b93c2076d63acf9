package io.mezzo.master.internal.core;

import io.mezzo.api.master.MaintenanceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator maintenance of agents, as Mesos' DEACTIVATE_AGENT, DRAIN_AGENT and REACTIVATE_AGENT.
 * A deactivated agent keeps its tasks and its stream but is offered to nobody; its outstanding
 * offers are rescinded. A drain deactivates the agent and lets its tasks run out: left to finish,
 * or, with a kill grace, killed (through the agent, as a framework's KILL) once that much time has
 * passed since the drain began. With no task left running the agent is DRAINED. Reactivation
 * (also of a draining or drained agent) ends all of it and offers resume. The state goes to the
 * registry, so a new leader carries on with it.
 */
final class AgentMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMaintenance.class);
    private final Cluster cluster;

    AgentMaintenance(Cluster cluster) {
        this.cluster = cluster;
    }

    MaintenanceResult deactivate(String agentId) {
        AgentEntry agent = cluster.agents.get(agentId);
        if (agent == null) {
            return unknown(agentId);
        }
        if (agent.deactivated) {
            return MaintenanceResult.done("Agent " + agentId + " is already deactivated"
                    + (agent.drain == null ? "" : " (" + agent.drain.state() + ")"));
        }
        stopOffers(agent);
        LOG.info("Agent {} ({}) deactivated by the operator", agent.id, agent.hostname());
        return MaintenanceResult.done("Agent " + agentId + " deactivated: no more offers from it, its "
                + running(agent).size() + " tasks keep running");
    }

    MaintenanceResult reactivate(String agentId) {
        AgentEntry agent = cluster.agents.get(agentId);
        if (agent == null) {
            return unknown(agentId);
        }
        if (!agent.deactivated) {
            return MaintenanceResult.done("Agent " + agentId + " is not deactivated; nothing to do");
        }
        agent.deactivated = false;
        agent.drain = null;
        agent.drainKillsSent = false;
        cluster.draining.remove(agent.id);
        cluster.registryDirty = true;
        if (agent.offering()) {
            cluster.ledger.agentActive(agent, true);
            cluster.allocationDue = true;
        }
        LOG.info("Agent {} ({}) reactivated by the operator", agent.id, agent.hostname());
        return MaintenanceResult.done("Agent " + agentId + " reactivated: offers "
                + (agent.offering() ? "resume" : "resume once it is connected again"));
    }

    /** {@code killGrace} empty: the tasks are left to finish; zero: they are killed at once. */
    MaintenanceResult drain(String agentId, Optional<Duration> killGrace) {
        AgentEntry agent = cluster.agents.get(agentId);
        if (agent == null) {
            return unknown(agentId);
        }
        if (killGrace.isPresent() && killGrace.get().isNegative()) {
            return MaintenanceResult.refused("The kill grace period must not be negative, got "
                    + Durations.print(killGrace.get()));
        }
        if (!agent.deactivated) {
            stopOffers(agent);
        }
        // a new drain replaces the previous one (as in Mesos): its grace counts from now
        agent.drain = Drain.starting(killGrace, cluster.now());
        agent.drainKillsSent = false;
        cluster.draining.add(agent.id);
        cluster.registryDirty = true;
        int tasks = running(agent).size();
        LOG.info("Agent {} ({}) draining: {} tasks {}", agent.id, agent.hostname(), tasks,
                killGrace.map(g -> "killed after " + Durations.print(g)).orElse("left to finish"));
        progress(agent, cluster.now());
        if (!agent.drain.draining()) {
            return MaintenanceResult.done("Agent " + agentId + " drained: no task was running");
        }
        return MaintenanceResult.done("Agent " + agentId + " draining: no more offers from it, " + tasks
                + " tasks " + killGrace.map(g -> g.isZero() ? "being killed" : "killed if still running after "
                        + Durations.print(g)).orElse("left to finish"));
    }

    /** Every tick: kills whose grace ran out, agents with nothing left running become DRAINED. */
    void tick(Instant now) {
        for (String id : new ArrayList<>(cluster.draining)) {
            AgentEntry agent = cluster.agents.get(id);
            if (agent == null || agent.drain == null) {
                cluster.draining.remove(id);
            } else {
                progress(agent, now);
            }
        }
    }

    private void progress(AgentEntry agent, Instant now) {
        List<TaskEntry> running = running(agent);
        boolean graceOver = agent.drain.killAt().filter(at -> !now.isBefore(at)).isPresent();
        if (graceOver && !agent.drainKillsSent && agent.stream != null && !running.isEmpty()) {
            LOG.info("Agent {}: drain grace period over, killing its {} tasks", agent.id, running.size());
            for (TaskEntry task : running) {
                FrameworkEntry framework = cluster.frameworks.get(task.frameworkId);
                if (framework != null) {
                    cluster.kill(framework, task);
                }
            }
            agent.drainKillsSent = true;
            running = running(agent);
        }
        // an agent not back yet (failover, partition) may still run tasks nobody knows of here
        if (running.isEmpty() && !agent.recovering && !agent.unreachable) {
            agent.drain = agent.drain.drained();
            cluster.draining.remove(agent.id);
            cluster.registryDirty = true;
            LOG.info("Agent {} ({}) is DRAINED", agent.id, agent.hostname());
            cluster.events.agentDrained(agent.id, agent.hostname());
        }
    }

    private void stopOffers(AgentEntry agent) {
        agent.deactivated = true;
        cluster.registryDirty = true;
        cluster.ledger.agentActive(agent, false);
        cluster.rescindAll(cluster.offers.ofAgent(agent.id));
    }

    /** Its tasks that have not reached a terminal state. */
    static List<TaskEntry> running(AgentEntry agent) {
        return agent.tasks.values().stream().filter(t -> !TaskStateMachine.isTerminal(t.state)).toList();
    }

    private static MaintenanceResult unknown(String agentId) {
        return MaintenanceResult.refused("Unknown agent " + agentId);
    }
}
