package io.mezzo.shell.internal;

import static io.mezzo.shell.internal.FakeMasterView.T0;
import static io.mezzo.shell.internal.FakeMasterView.agent;
import static io.mezzo.shell.internal.FakeMasterView.framework;
import static io.mezzo.shell.internal.FakeMasterView.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.FrameworkSnapshot;
import io.mezzo.api.master.OfferSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterTablesTest {
    private static final Instant NOW = T0.plusSeconds(90);

    @Test
    void agentsShowResourcesInMesosTextFormSortedByHostname() {
        AgentSnapshot inactive = new AgentSnapshot("a2", "alpha", false, T0, "cpus:2;mem:1024", "", "",
                Map.of(), Map.of(), Map.of(), 0);
        Table table = ClusterTables.agents(List.of(agent("a1", "beta", "cpus:4;mem:4096", "cpus:1;mem:128",
                "cpus:3;mem:3968"), inactive), NOW);

        assertThat(table.headers()).containsExactly("ID", "HOSTNAME", "STATUS", "MAINTENANCE", "TASKS", "TOTAL",
                "USED", "OFFERED", "AGE");
        assertThat(table.rows()).containsExactly(
                List.of("a2", "alpha", "inactive", "-", "0", "cpus:2;mem:1024", "-", "-", "1m"),
                List.of("a1", "beta", "active", "-", "0", "cpus:4;mem:4096", "cpus:1;mem:128", "cpus:3;mem:3968",
                        "1m"));
    }

    @Test
    void agentsShowTheirMaintenanceAndUnreachableOnesSaySo() {
        Table table = ClusterTables.agents(List.of(
                new AgentSnapshot("a1", "h1", false, T0, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 2, false, true,
                        "DRAINING"),
                new AgentSnapshot("a2", "h2", false, T0, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 0, false, true,
                        "DRAINED"),
                new AgentSnapshot("a3", "h3", false, T0, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 0, false, true,
                        ""),
                new AgentSnapshot("a4", "h4", false, T0, "cpus:1", "", "", Map.of(), Map.of(), Map.of(), 0, true, false,
                        "")), NOW);

        assertThat(table.column("MAINTENANCE")).containsExactly("DRAINING", "DRAINED", "DEACTIVATED", "-");
        assertThat(table.column("STATUS")).containsExactly("inactive", "inactive", "inactive", "unreachable");
    }

    @Test
    void frameworkStatusTellsDisconnectedAndSuppressedApart() {
        FrameworkSnapshot suppressed = new FrameworkSnapshot("f4", "spark", "bob", "analytics", true, true, true, 0,
                T0, "cpus:1", "", 1, 0);
        Table table = ClusterTables.frameworks(List.of(framework("f3", false, false), framework("f1", true, true),
                framework("f2", true, false), suppressed), NOW);

        assertThat(table.column("ID")).containsExactly("f1", "f2", "f3", "f4");
        assertThat(table.column("STATUS")).containsExactly("active", "disconnected", "inactive", "active,suppressed");
        assertThat(table.column("USED")).containsExactly("-", "-", "-", "cpus:1");
    }

    @Test
    void tasksAreGroupedByFrameworkThenId() {
        Table table = ClusterTables.tasks(List.of(task("t2", "f2", "a1", "TASK_RUNNING"),
                task("t9", "f1", "a1", "TASK_FINISHED"), task("t1", "f2", "a2", "TASK_STAGING")), NOW);

        assertThat(table.column("ID")).containsExactly("t9", "t1", "t2");
        assertThat(table.rows().get(0)).containsExactly("t9", "t9-name", "f1", "a1", "TASK_FINISHED",
                "cpus:0.1;mem:32", "1m");
    }

    @Test
    void offersOldestFirstAndEmptyTablesSaySo() {
        Table table = ClusterTables.offers(List.of(new OfferSnapshot("o2", "f1", "a1", "cpus:1", T0.plusSeconds(80)),
                new OfferSnapshot("o1", "f1", "a2", "cpus:2", T0)), NOW);

        assertThat(table.column("ID")).containsExactly("o1", "o2");
        assertThat(table.column("AGE")).containsExactly("1m", "10s");
        assertThat(ClusterTables.offers(List.of(), NOW).emptyText()).isEqualTo("No outstanding offers.");
        assertThat(ClusterTables.tasks(List.of(), NOW).rows()).isEmpty();
    }
}
