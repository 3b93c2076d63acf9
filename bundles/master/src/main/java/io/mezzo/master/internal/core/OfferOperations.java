package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.Offer.Operation;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.master.internal.resources.ResourceBag;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ACCEPT and DECLINE: offers are consumed exactly once; launched tasks take their resources from
 * the accepted offers, and whatever the operations leave unused returns to the free pool at once,
 * refused by this framework on that agent for the accept's refuse_seconds.
 */
final class OfferOperations {
    private final Cluster cluster;

    OfferOperations(Cluster cluster) {
        this.cluster = cluster;
    }

    CallOutcome accept(FrameworkEntry framework, Call.Accept accept) {
        for (Operation op : accept.getOperationsList()) {
            if (op.getType() != Operation.Type.LAUNCH) {
                // rejected before any offer is touched, so the framework keeps its offers
                return CallOutcome.badRequest("Operation " + op.getType()
                        + " is not supported by Mezzo (only LAUNCH)");
            }
        }
        Duration refuse = SchedulerCalls.refuseFor(accept.hasFilters() ? accept.getFilters().getRefuseSeconds() : -1);
        String invalid = invalidOffers(framework, accept.getOfferIdsList());
        ResourceBag pool = ResourceBag.EMPTY;
        String agentId = null;
        for (OfferID id : accept.getOfferIdsList()) {
            var offer = cluster.offers.get(id.getValue());
            if (offer.isPresent() && offer.get().frameworkId().equals(framework.id)) {
                cluster.offers.remove(id.getValue());
                pool = pool.plus(offer.get().resources());
                agentId = offer.get().agentId();
            }
        }
        cluster.allocationDue = true;
        if (invalid != null) {
            dropAll(framework, accept.getOperationsList(), invalid);
            return CallOutcome.ACCEPTED;
        }
        AgentEntry agent = cluster.agents.get(agentId);
        Set<String> seen = new HashSet<>();
        for (Operation op : accept.getOperationsList()) {
            for (TaskInfo task : op.getLaunch().getTaskInfosList()) {
                pool = launch(framework, agent, task, pool, seen);
            }
        }
        if (!pool.isEmpty() && !refuse.isZero()) {
            framework.refusedUntil.put(agent.id, cluster.now().plus(refuse));
        }
        return CallOutcome.ACCEPTED;
    }

    void decline(FrameworkEntry framework, List<OfferID> offerIds, Duration refuse) {
        for (OfferID id : offerIds) {
            var offer = cluster.offers.get(id.getValue());
            if (offer.isPresent() && offer.get().frameworkId().equals(framework.id)) {
                cluster.offers.remove(id.getValue());
                if (!refuse.isZero()) {
                    framework.refusedUntil.put(offer.get().agentId(), cluster.now().plus(refuse));
                }
            }
        }
        cluster.allocationDue = true;
    }

    /** Null if the offers can be used together, else why not (as Mesos words it). */
    private String invalidOffers(FrameworkEntry framework, List<OfferID> ids) {
        if (ids.isEmpty()) {
            return "No offers specified";
        }
        Set<String> unique = new HashSet<>();
        String agentId = null;
        for (OfferID id : ids) {
            if (!unique.add(id.getValue())) {
                return "Duplicate offer " + id.getValue() + " in the same call";
            }
            var offer = cluster.offers.get(id.getValue());
            if (offer.isEmpty()) {
                return "Offer " + id.getValue() + " is no longer valid";
            }
            if (!offer.get().frameworkId().equals(framework.id)) {
                return "Offer " + id.getValue() + " has invalid framework";
            }
            if (agentId != null && !agentId.equals(offer.get().agentId())) {
                return "Aggregated offers must belong to one single agent";
            }
            agentId = offer.get().agentId();
        }
        AgentEntry agent = cluster.agents.get(agentId);
        return agent == null || !agent.active ? "Agent " + agentId + " is not active" : null;
    }

    private void dropAll(FrameworkEntry framework, List<Operation> ops, String why) {
        TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
        for (Operation op : ops) {
            for (TaskInfo task : op.getLaunch().getTaskInfosList()) {
                cluster.sendUpdate(framework, cluster.masterStatus(task.getTaskId().getValue(),
                        task.getAgentId().getValue(), state, TaskStatus.Reason.REASON_INVALID_OFFERS,
                        "Task launched with invalid offers: " + why));
            }
        }
    }

    /** Launches one task if valid, returning what is left of the pool; an invalid task ends TASK_ERROR. */
    private ResourceBag launch(FrameworkEntry framework, AgentEntry agent, TaskInfo task, ResourceBag pool,
            Set<String> seen) {
        ResourceBag wants = ResourceBag.of(task.getResourcesList());
        String error = invalidTask(framework, agent, task, wants, pool, seen);
        seen.add(task.getTaskId().getValue());
        if (error != null) {
            cluster.sendUpdate(framework, cluster.masterStatus(task.getTaskId().getValue(), agent.id,
                    TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "Task uses invalid resources or"
                            + " fields: " + error));
            return pool;
        }
        TaskEntry entry = new TaskEntry(task, framework.id, agent.id, cluster.now());
        framework.tasks.put(entry.taskId(), entry);
        agent.tasks.put(entry.key(), entry);
        agent.used = agent.used.plus(wants);
        agent.stream.send(AgentEvents.runTask(framework.info, task));
        return pool.minus(wants);
    }

    private String invalidTask(FrameworkEntry framework, AgentEntry agent, TaskInfo task, ResourceBag wants,
            ResourceBag pool, Set<String> seen) {
        String id = task.getTaskId().getValue();
        if (id.isEmpty() || id.contains("/") || id.chars().anyMatch(Character::isWhitespace)) {
            return "Task ID '" + id + "' is invalid";
        }
        if (seen.contains(id) || framework.tasks.containsKey(id) || framework.completedTasks.containsKey(id)) {
            return "Task has duplicate ID: " + id;
        }
        if (!task.getAgentId().getValue().equals(agent.id)) {
            return "Task uses agent " + task.getAgentId().getValue() + " but the offer is for agent " + agent.id;
        }
        if (task.hasExecutor() == task.hasCommand()) {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }
        if (wants.isEmpty()) {
            return "Task uses no resources";
        }
        if (!pool.contains(wants)) {
            return "Task uses more resources " + wants + " than available " + pool;
        }
        return null;
    }
}
