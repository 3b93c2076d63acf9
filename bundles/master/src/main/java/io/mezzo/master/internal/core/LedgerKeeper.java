package io.mezzo.master.internal.core;

import io.mezzo.api.allocation.AllocationLedger;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.Grant;
import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.resources.ResourceKey;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.Label;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link AllocationLedger} in step with the master's state, one change at a time, so the
 * policy gets an up-to-date view without a snapshot per cycle. The rule: whatever a framework holds
 * on an agent — an outstanding offer or a live task — is booked in the ledger under the framework's
 * role (unreserved resources) or the reservation's role; it is recovered when the offer goes or the
 * task ends. Owned by the master loop, like the rest of the state.
 */
final class LedgerKeeper {
    /** FrameworkInfo label declaring the shape of the framework's tasks, e.g. {@code cpus:1;mem:4096}. */
    static final String TASK_SHAPE_LABEL = "mezzo.task_shape";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerKeeper.class);

    private final AllocationLedger ledger = new AllocationLedger();
    private Set<String> weightedRoles = Set.of();

    AllocationView view() {
        return ledger;
    }

    void expireFilters(Instant now) {
        ledger.expireFilters(now.toEpochMilli());
    }

    /** A new agent, or a re-registering one whose resources may have changed (its offers are gone). */
    void agentSubscribed(AgentEntry agent, boolean known) {
        if (known) {
            agent.tasks.values().stream().filter(t -> !t.released).forEach(t -> unbook(t.frameworkId, t.agentId,
                    t.resources));
            ledger.removeAgent(agent.id);
        }
        Map<String, Quantities> reserved = new TreeMap<>();
        agent.total.asMap().keySet().stream().filter(ResourceKey::isReserved).map(ResourceKey::role).distinct()
                .forEach(role -> reserved.put(role, ResourceSlicer.quantities(agent.total.reservedTo(role))));
        ledger.addAgent(agent.id, ResourceSlicer.quantities(agent.total.unreserved()), reserved,
                ClusterSnapshots.attributes(agent));
        if (known) {
            agent.tasks.values().stream().filter(t -> !t.released).forEach(t -> book(t.frameworkId, t.agentId,
                    t.resources));
        }
    }

    void agentActive(AgentEntry agent, boolean active) {
        if (active) {
            ledger.activateAgent(agent.id);
        } else {
            ledger.deactivateAgent(agent.id);
        }
    }

    /** The role offers to this framework are allocated to. */
    String allocationRole(String frameworkId) {
        return roleOf(frameworkId);
    }

    void frameworkAdded(FrameworkEntry framework) {
        ledger.addFramework(framework.id, List.of(framework.role()));
        ledger.setTaskShape(framework.id, declaredTaskShape(framework));
    }

    /** After every offer and task of the framework was recovered. */
    void frameworkRemoved(FrameworkEntry framework) {
        ledger.removeFramework(framework.id);
    }

    /** A framework (re)subscribed: offers wanted again, suppressed as the subscription says. */
    void frameworkActive(FrameworkEntry framework, boolean suppressed) {
        ledger.revive(framework.id);
        ledger.setTaskShape(framework.id, declaredTaskShape(framework));
        if (suppressed) {
            ledger.suppress(framework.id);
        }
    }

    /** A disconnected framework is offered nothing until it subscribes again. */
    void frameworkInactive(FrameworkEntry framework) {
        ledger.suppress(framework.id);
    }

    void suppress(FrameworkEntry framework) {
        ledger.suppress(framework.id);
    }

    void revive(FrameworkEntry framework) {
        ledger.revive(framework.id);
    }

    void refuse(String frameworkId, String agentId, Instant until) {
        ledger.refuse(frameworkId, agentId, until.toEpochMilli());
    }

    /** Role weights as configured; roles that lost their weight go back to 1. */
    void weights(Map<String, Double> weights) {
        for (String role : weightedRoles) {
            if (!weights.containsKey(role)) {
                ledger.setWeight(role, 1.0);
            }
        }
        weights.forEach(ledger::setWeight);
        weightedRoles = new HashSet<>(weights.keySet());
    }

    /** Resources a framework now holds on an agent (an offer made, a task adopted). */
    void book(String frameworkId, String agentId, Resources resources) {
        split(roleOf(frameworkId), resources, (role, amount, reserved) ->
                ledger.allocate(new Grant(frameworkId, agentId, role, amount, reserved)));
    }

    /** Resources a framework no longer holds (offer declined, rescinded or unused; task ended). */
    void unbook(String frameworkId, String agentId, Resources resources) {
        split(roleOf(frameworkId), resources, (role, amount, reserved) ->
                ledger.recover(frameworkId, agentId, role, amount, reserved));
    }

    private interface Part {
        void apply(String role, Quantities amount, boolean reserved);
    }

    /**
     * Unreserved resources count under the framework's role, reserved ones under their own role.
     * Resources reserved to a role the framework is not in (a task an agent reports from before a
     * reservation changed) are not booked — and therefore never recovered either.
     */
    private static void split(String frameworkRole, Resources resources, Part part) {
        Resources unreserved = resources.unreserved();
        if (!unreserved.isEmpty()) {
            part.apply(frameworkRole, ResourceSlicer.quantities(unreserved), false);
        }
        Set<String> roles = new HashSet<>();
        resources.asMap().keySet().stream().filter(ResourceKey::isReserved).forEach(k -> roles.add(k.role()));
        for (String role : roles) {
            if (role.equals(frameworkRole)) {
                part.apply(role, ResourceSlicer.quantities(resources.reservedTo(role)), true);
            } else {
                LOG.warn("Resources reserved to {} held by a framework of role {} are not accounted", role,
                        frameworkRole);
            }
        }
    }

    /** The role the framework was entered with; a re-subscription under another role keeps the first. */
    private String roleOf(String frameworkId) {
        var framework = ledger.framework(frameworkId);
        if (framework == null) {
            throw new IllegalArgumentException("unknown framework " + frameworkId);
        }
        return framework.roles().get(0);
    }

    /** The task shape a framework declares with the {@value #TASK_SHAPE_LABEL} label; empty if none or invalid. */
    static Quantities declaredTaskShape(FrameworkEntry framework) {
        for (Label label : framework.info.getLabels().getLabelsList()) {
            if (TASK_SHAPE_LABEL.equals(label.getKey())) {
                try {
                    return Quantities.parse(label.getValue());
                } catch (IllegalArgumentException e) {
                    LOG.warn("Framework {} declares an invalid task shape '{}': {}", framework.id, label.getValue(),
                            e.getMessage());
                }
            }
        }
        return Quantities.EMPTY;
    }
}
