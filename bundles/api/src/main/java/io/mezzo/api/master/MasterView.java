package io.mezzo.api.master;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The master as seen from inside the container: consistent snapshots of its state, taken on the
 * master's event loop, and the operator operations. Only the leading master has agents,
 * frameworks and tasks; a standby answers with empty lists and {@link #leader()}.
 */
@ProviderType
public interface MasterView {

    /** Whether this master is the elected leader. */
    boolean isLeader();

    /** The elected leader, if one is known (this master or another). */
    Optional<MasterSnapshot> leader();

    /** This master. */
    MasterSnapshot self();

    List<AgentSnapshot> agents();

    List<FrameworkSnapshot> frameworks();

    List<TaskSnapshot> tasks();

    List<OfferSnapshot> offers();

    /**
     * Asks the agent to kill a task, as a scheduler's KILL would.
     *
     * @return false if this master is not the leader or does not know the task
     */
    boolean killTask(String frameworkId, String taskId);

    /**
     * Removes a framework at once: rescinds its offers and kills its tasks.
     *
     * @return false if this master is not the leader or does not know the framework
     */
    boolean teardownFramework(String frameworkId);

    /**
     * Drains an agent (Mesos' DRAIN_AGENT): no more offers from it, its outstanding offers are
     * rescinded, and its tasks are left to finish, or, with {@code killGrace}, killed if still
     * running that long after the drain began (zero: at once). With no task left running it is
     * DRAINED. Draining again restarts the drain with the new grace.
     *
     * @return refused if this master is not the leader, the agent is unknown or the grace negative
     */
    MaintenanceResult drainAgent(String agentId, java.util.Optional<java.time.Duration> killGrace);

    /**
     * Takes an agent out of the offer cycle (Mesos' DEACTIVATE_AGENT): its outstanding offers are
     * rescinded, its tasks keep running.
     *
     * @return refused if this master is not the leader or the agent is unknown
     */
    MaintenanceResult deactivateAgent(String agentId);

    /**
     * Ends a deactivation or drain (DRAINING or DRAINED): offers from the agent resume. An agent
     * that was not deactivated is left as it is.
     *
     * @return refused if this master is not the leader or the agent is unknown
     */
    MaintenanceResult reactivateAgent(String agentId);
}
