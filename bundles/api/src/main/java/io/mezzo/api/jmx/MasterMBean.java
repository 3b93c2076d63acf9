package io.mezzo.api.jmx;

import java.util.Map;

/**
 * {@code io.mezzo:type=Master}: the master as an operator sees it in JConsole. Also a notification
 * emitter: the {@code NOTIFICATION_*} types below, plain {@code javax.management.Notification}s
 * whose message says what happened and whose user data is the master's or agent's id.
 */
public interface MasterMBean {
    String OBJECT_NAME = "io.mezzo:type=Master";

    /** This master became the leader. User data: its id. */
    String NOTIFICATION_ELECTED = "io.mezzo.master.elected";
    /** This master stopped leading. User data: its id. */
    String NOTIFICATION_DEMOTED = "io.mezzo.master.demoted";
    /** The leader seen in ZooKeeper changed (another master, or none). User data: {@code host:port} or empty. */
    String NOTIFICATION_LEADER_CHANGED = "io.mezzo.master.leader";
    /** The leader gave up on an agent (missed pings, not back after failover). User data: the agent id. */
    String NOTIFICATION_AGENT_UNREACHABLE = "io.mezzo.agent.unreachable";
    /** A draining agent has no task left running. User data: the agent id. */
    String NOTIFICATION_AGENT_DRAINED = "io.mezzo.agent.drained";

    boolean isLeader();

    String getMasterId();

    /** {@code host:port} of the elected leader, empty if none is known. */
    String getLeaderAddress();

    int getActiveAgents();

    /** Reachable agents not offered from: disconnected, or deactivated by an operator. */
    int getInactiveAgents();

    int getUnreachableAgents();

    /** Agents an operator took out of the offer cycle, draining and drained ones included. */
    int getDeactivatedAgents();

    int getDrainingAgents();

    int getDrainedAgents();

    int getActiveFrameworks();

    int getInactiveFrameworks();

    /** Task counts by Mesos state name ({@code TASK_RUNNING} → 3). */
    Map<String, Integer> getTasksByState();

    /** Resources in the Mesos text form, e.g. {@code cpus:4;mem:4096}. */
    String getResourcesTotal();

    String getResourcesUsed();

    String getResourcesOffered();

    int getOffersOutstanding();

    /** Kills a task as the framework's KILL would; false if this master does not know it. */
    boolean killTask(String frameworkId, String taskId);

    /** Removes a framework and kills its tasks; false if this master does not know it. */
    boolean teardownFramework(String frameworkId);

    /**
     * Drains an agent: no more offers from it; its tasks are left to finish ({@code killGraceSeconds}
     * negative) or killed if still running that many seconds later (0: at once). DRAINED once no task
     * is left. Returns what happened, in one line.
     *
     * @throws IllegalArgumentException for an unknown agent, IllegalStateException on a standby
     */
    String drainAgent(String agentId, long killGraceSeconds);

    /** No more offers from the agent; its tasks keep running. Same answers and errors as {@link #drainAgent}. */
    String deactivateAgent(String agentId);

    /** Offers from a deactivated, draining or drained agent again. Same answers and errors as {@link #drainAgent}. */
    String reactivateAgent(String agentId);
}
