package io.mezzo.master.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.AllocationCycleStats;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.OfferSnapshot;
import io.mezzo.api.master.TaskSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {
    private static final Instant T = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void figuresAddUpAgentsFrameworksTasksAndResources() {
        ClusterFigures figures = ClusterFigures.of(true,
                List.of(agent("a1", true, "cpus:4;mem:4096", "cpus:1;mem:1024", "cpus:3;mem:3072"),
                        agent("a2", false, "cpus:2;mem:2048", "cpus:0.5;mem:512", "")),
                List.of(framework("f1", true), framework("f2", false)),
                List.of(task("t1", "TASK_RUNNING"), task("t2", "TASK_RUNNING"), task("t3", "TASK_FINISHED")),
                List.of(new OfferSnapshot("o1", "f1", "a1", "cpus:3;mem:3072", T)));

        assertThat(figures.activeAgents()).isEqualTo(1);
        assertThat(figures.inactiveAgents()).isEqualTo(1);
        assertThat(figures.tasksByState()).containsEntry("TASK_RUNNING", 2).containsEntry("TASK_FINISHED", 1);
        // total 4 + 2 cpus, used 1 + 0.5
        assertThat(figures.total().scalarSum("cpus").value()).isEqualTo(6.0);
        assertThat(figures.used().scalarSum("cpus").value()).isEqualTo(1.5);

        Map<String, Object> metrics = MetricsSnapshot.of(figures, new AllocationCycleStats(7, 1500, 1000, 4000, 1), 42);
        assertThat(metrics).containsEntry("master/elected", 1)
                .containsEntry("master/uptime_secs", 42L)
                .containsEntry("master/tasks_running", 2)
                .containsEntry("master/tasks_finished", 1)
                .containsEntry("master/tasks_lost", 0)
                .containsEntry("master/slaves_active", 1)
                .containsEntry("master/frameworks_inactive", 1)
                .containsEntry("master/cpus_total", 6.0)
                .containsEntry("master/cpus_used", 1.5)
                .containsEntry("master/cpus_percent", 0.25)
                .containsEntry("allocator/cycles", 7L)
                .containsEntry("allocator/cycle_time_ms_last", 1.5)
                .containsEntry("allocator/offers_outstanding", 1);
    }

    @Test
    void agentsAreCountedByReachabilityAndMaintenance() {
        // a1 active; a2 deactivated; a3 draining; a4 drained; a5 unreachable and draining
        ClusterFigures figures = ClusterFigures.of(true, List.of(
                agent("a1", true, "cpus:1", "", ""),
                maintained("a2", false, true, ""),
                maintained("a3", false, true, "DRAINING"),
                maintained("a4", false, true, "DRAINED"),
                new AgentSnapshot("a5", "host-a5", false, T, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 0, true,
                        true, "DRAINING")), List.of(), List.of(), List.of());

        Map<String, Object> metrics = MetricsSnapshot.of(figures, new AllocationCycleStats(0, 0, 0, 0, 0), 1);
        assertThat(metrics).containsEntry("master/slaves_active", 1)
                .containsEntry("master/slaves_inactive", 3)
                .containsEntry("master/slaves_unreachable", 1)
                .containsEntry("master/slaves_deactivated", 4)
                .containsEntry("master/slaves_draining", 2)
                .containsEntry("master/slaves_drained", 1);
    }

    private static AgentSnapshot maintained(String id, boolean active, boolean deactivated, String drainState) {
        return new AgentSnapshot(id, "host-" + id, active, T, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 0, false,
                deactivated, drainState);
    }

    private static AgentSnapshot agent(String id, boolean active, String total, String used, String offered) {
        return new AgentSnapshot(id, "host-" + id, active, T, total, used, offered, Map.of(), Map.of(), Map.of(), 0);
    }

    private static FrameworkSnapshot framework(String id, boolean active) {
        return new FrameworkSnapshot(id, id, "root", "*", active, active, false, 0, T, "", "", 0, 0);
    }

    private static TaskSnapshot task(String id, String state) {
        return new TaskSnapshot(id, id, "f1", "a1", state, "cpus:0.1", T);
    }
}
