package io.mezzo.api.jmx;

import java.util.Map;

/** {@code io.mezzo:type=Master}: the master as an operator sees it in JConsole. */
public interface MasterMBean {
    String OBJECT_NAME = "io.mezzo:type=Master";

    boolean isLeader();

    String getMasterId();

    /** {@code host:port} of the elected leader, empty if none is known. */
    String getLeaderAddress();

    int getActiveAgents();

    int getInactiveAgents();

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
}
