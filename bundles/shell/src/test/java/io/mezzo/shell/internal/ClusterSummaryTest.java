package io.mezzo.shell.internal;

import static io.mezzo.shell.internal.FakeMasterView.SELF;
import static io.mezzo.shell.internal.FakeMasterView.agent;
import static io.mezzo.shell.internal.FakeMasterView.framework;
import static io.mezzo.shell.internal.FakeMasterView.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.master.AgentSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSummaryTest {

    @Test
    void overviewCountsAgentsFrameworksAndTasksByStateInMesosOrder() {
        Table overview = ClusterSummary.overview(SELF, true,
                List.of(agent("a1", "h1", "cpus:1", "", ""), agent("a2", "h2", "cpus:1", "", "")),
                List.of(framework("f1", true, true), framework("f2", false, false)),
                List.of(task("t1", "f1", "a1", "TASK_FINISHED"), task("t2", "f1", "a1", "TASK_RUNNING"),
                        task("t3", "f1", "a2", "TASK_RUNNING"), task("t4", "f1", "a2", "TASK_STAGING")));

        assertThat(overview.headers()).containsOnly(""); // printed as a key-value list, without headers
        assertThat(overview.rows()).containsExactly(
                List.of("Leader", "node1:5050 (m1), this node"),
                List.of("Agents", "2 active, 0 inactive"),
                List.of("Maintenance", "none"),
                List.of("Frameworks", "1 active, 1 inactive"),
                // Mesos declares STAGING first, then RUNNING, then FINISHED
                List.of("Tasks", "TASK_STAGING 1, TASK_RUNNING 2, TASK_FINISHED 1"));
    }

    @Test
    void maintenanceCountsDeactivatedDrainingAndDrainedAgentsAndUnreachableOnesAreCountedApart() {
        List<AgentSnapshot> agents = List.of(agent("a1", "h1", "cpus:1", "", ""),
                maintained("a2", false, true, ""), maintained("a3", false, true, "DRAINING"),
                maintained("a4", false, true, "DRAINING"), maintained("a5", true, true, "DRAINED"));

        Table overview = ClusterSummary.overview(SELF, true, agents, List.of(), List.of());

        assertThat(overview.rows()).contains(List.of("Agents", "1 active, 3 inactive, 1 unreachable"),
                List.of("Maintenance", "1 deactivated, 2 draining, 1 drained"));
    }

    private static AgentSnapshot maintained(String id, boolean unreachable, boolean deactivated, String drain) {
        return new AgentSnapshot(id, "h-" + id, false, FakeMasterView.T0, "cpus:1", "", "", Map.of(), Map.of(),
                Map.of(), 0, unreachable, deactivated, drain);
    }

    @Test
    void noTasksSaysNone() {
        assertThat(ClusterSummary.tasksByState(List.of())).isEqualTo("none");
    }

    @Test
    void resourcesAreSummedOverAgentsAndFreeIsWhatIsNeitherUsedNorOffered() {
        Table resources = ClusterSummary.resources(List.of(
                agent("a1", "h1", "cpus:4;mem:4096;ports:[31000-32000]", "cpus:1;mem:128", "cpus:3;mem:3968"),
                agent("a2", "h2", "cpus:2.5;mem:1024", "cpus:0.1;mem:32", "")));

        // cpus: total 4 + 2.5 = 6.5, used 1 + 0.1 = 1.1, offered 3, free 6.5 - 1.1 - 3 = 2.4
        // mem: total 5120, used 160, offered 3968, free 992; ports are no scalar and have no row
        assertThat(resources.rows()).containsExactly(
                List.of("cpus", "6.5", "1.1", "3", "2.4"),
                List.of("mem", "5120", "160", "3968", "992"));
    }

    @Test
    void unreadableResourcesNameTheAgent() {
        assertThatThrownBy(() -> ClusterSummary.resources(List.of(agent("a9", "h", "cpus:lots", "", ""))))
                .isInstanceOf(ShellFailure.class).hasMessageStartingWith("Agent a9 reports unreadable resources 'cpus:lots'");
    }
}
