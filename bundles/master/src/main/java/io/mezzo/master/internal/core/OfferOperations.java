package io.mezzo.master.internal.core;

import io.mezzo.api.v1.Protos.Offer.Operation;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.validation.LaunchValidator;
import java.time.Duration;
import java.util.ArrayList;
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
        Resources pool = Resources.empty();
        String agentId = null;
        for (OfferID id : accept.getOfferIdsList()) {
            var offer = cluster.offers.get(id.getValue());
            if (offer.isPresent() && offer.get().frameworkId().equals(framework.id)) {
                if (invalid != null) {
                    cluster.withdraw(offer.get());
                    continue;
                }
                // removed from the book but still booked in the ledger: the tasks take over
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
        List<TaskInfo> tasks = new ArrayList<>();
        accept.getOperationsList().forEach(op -> tasks.addAll(op.getLaunch().getTaskInfosList()));
        // what the launched tasks took stays booked to the framework; only the rest is recovered
        pool = launchAll(framework, agent, tasks, pool);
        cluster.ledger.unbook(framework.id, agent.id, pool);
        if (!pool.isEmpty() && !refuse.isZero()) {
            cluster.ledger.refuse(framework.id, agent.id, cluster.now().plus(refuse));
        }
        return CallOutcome.ACCEPTED;
    }

    void decline(FrameworkEntry framework, List<OfferID> offerIds, Duration refuse) {
        for (OfferID id : offerIds) {
            var offer = cluster.offers.get(id.getValue());
            if (offer.isPresent() && offer.get().frameworkId().equals(framework.id)) {
                cluster.withdraw(offer.get());
                if (!refuse.isZero()) {
                    cluster.ledger.refuse(framework.id, offer.get().agentId(), cluster.now().plus(refuse));
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

    /**
     * Checks the LAUNCH's tasks in order (each valid task takes its share of the pool and its id);
     * invalid ones end TASK_ERROR without disturbing the others. Returns what is left of the pool.
     */
    private Resources launchAll(FrameworkEntry framework, AgentEntry agent, List<TaskInfo> tasks, Resources pool) {
        Set<String> othersOnAgent = otherFrameworksTaskIds(agent, framework.id);
        List<TaskInfo> launchable = tasks;
        if (!othersOnAgent.isEmpty()) {
            launchable = new ArrayList<>(tasks.size());
            for (TaskInfo task : tasks) {
                if (othersOnAgent.contains(task.getTaskId().getValue())) {
                    reject(framework, agent, task, "Task ID " + task.getTaskId().getValue()
                            + " is in use on agent " + agent.id + " by another framework");
                } else {
                    launchable.add(task);
                }
            }
        }
        LaunchValidator.LaunchCheck check = LaunchValidator.validate(launchable, agent.info.getId(), pool,
                id -> framework.tasks.containsKey(id) || framework.completedTasks.containsKey(id));
        for (LaunchValidator.Rejection rejected : check.rejected()) {
            reject(framework, agent, rejected.task(), rejected.reason());
        }
        java.time.Instant now = cluster.now();
        for (int i = 0; i < check.accepted().size(); i++) {
            TaskInfo task = check.accepted().get(i);
            TaskEntry entry = new TaskEntry(task, framework.id, agent.id, now, check.resourcesOf(i));
            framework.tasks.put(entry.taskId(), entry);
            agent.tasks.put(entry.key(), entry);
            agent.stream.send(AgentEvents.runTask(framework.info, task));
        }
        // what the launched tasks take, added to the agent's use in one step, not one per task
        if (!check.accepted().isEmpty()) {
            agent.used = agent.used.plus(pool.minus(check.remaining()));
        }
        return check.remaining();
    }

    private void reject(FrameworkEntry framework, AgentEntry agent, TaskInfo task, String reason) {
        cluster.sendUpdate(framework, cluster.masterStatus(task.getTaskId().getValue(), agent.id,
                TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, reason));
    }

    /**
     * Ids of the other frameworks' live tasks on the agent. Mesos scopes task ids by framework, but
     * an agent keys its tasks, their update streams and their processes by task id alone, so two
     * frameworks must not run tasks of the same id on one agent at the same time.
     */
    private static Set<String> otherFrameworksTaskIds(AgentEntry agent, String frameworkId) {
        Set<String> ids = new HashSet<>();
        for (TaskEntry task : agent.tasks.values()) {
            if (!task.frameworkId.equals(frameworkId)) {
                ids.add(task.taskId());
            }
        }
        return ids;
    }
}
