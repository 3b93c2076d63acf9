package io.mezzo.master.internal.metrics;

import io.mezzo.api.master.AllocationCycleStats;
import io.mezzo.api.v1.Protos.TaskState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mesos' flat {@code /metrics/snapshot} keys ({@code master/tasks_running}, {@code master/elected},
 * {@code allocator/…}) from the same figures the MBeans show.
 */
public final class MetricsSnapshot {
    private static final String[] SCALARS = {"cpus", "mem", "disk", "gpus"};

    private MetricsSnapshot() {
    }

    public static Map<String, Object> of(ClusterFigures figures, AllocationCycleStats cycles, long uptimeSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("master/elected", figures.leader() ? 1 : 0);
        m.put("master/uptime_secs", uptimeSeconds);
        m.put("master/slaves_active", figures.activeAgents());
        m.put("master/slaves_inactive", figures.inactiveAgents());
        m.put("master/slaves_unreachable", figures.unreachableAgents());
        // Mezzo's own: agents under operator maintenance (Mesos has no metric for them)
        m.put("master/slaves_deactivated", figures.deactivatedAgents());
        m.put("master/slaves_draining", figures.drainingAgents());
        m.put("master/slaves_drained", figures.drainedAgents());
        m.put("master/frameworks_active", figures.activeFrameworks());
        m.put("master/frameworks_inactive", figures.inactiveFrameworks());
        m.put("master/outstanding_offers", figures.offers());
        for (TaskState state : TaskState.values()) {
            // TASK_RUNNING -> master/tasks_running, as Mesos names them
            String name = state.name().substring("TASK_".length()).toLowerCase(java.util.Locale.ROOT);
            m.put("master/tasks_" + name, figures.tasks(state.name()));
        }
        for (String scalar : SCALARS) {
            double total = figures.total().scalarSum(scalar).value();
            double used = figures.used().scalarSum(scalar).value();
            m.put("master/" + scalar + "_total", total);
            m.put("master/" + scalar + "_used", used);
            m.put("master/" + scalar + "_percent", total == 0 ? 0.0 : used / total);
        }
        m.put("allocator/cycles", cycles.cycles());
        m.put("allocator/cycle_time_ms_last", cycles.lastMicros() / 1000.0);
        m.put("allocator/cycle_time_ms_mean", cycles.meanMicros() / 1000.0);
        m.put("allocator/cycle_time_ms_max", cycles.maxMicros() / 1000.0);
        m.put("allocator/offers_outstanding", cycles.offersOutstanding());
        return m;
    }
}
