package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.jmx.ZooKeeperMBean;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real JMX client over RMI (the URL in the README) reads and operates the master while a task
 * runs: attributes agree with /master/state and /metrics/snapshot, the allocation policy is
 * switched to a policy bundle installed at run time, falls back to drf when that bundle goes away,
 * and a read-only user may look but not act.
 */
class JmxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("jmx");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void operatorsReadSwapPoliciesAndAreRefusedWithoutTheRightRole() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "jmx");
                JMXConnector admin = connect("karaf", "karaf");
                JMXConnector viewer = connect("viewer", "viewer")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            scheduler.launch(offer, List.of(TestScheduler.shellTask("jmx-sleeper", offer.getAgentId(), "sleep 300", 0.1, 32)));
            scheduler.awaitState("jmx-sleeper", TaskState.TASK_RUNNING, WAIT);

            MBeanServerConnection mbeans = admin.getMBeanServerConnection();
            ObjectName master = new ObjectName("io.mezzo:type=Master");
            ObjectName allocator = new ObjectName("io.mezzo:type=Allocator");
            await().atMost(WAIT).until(() -> mbeans.isRegistered(master) && mbeans.isRegistered(allocator));

            assertThat(mbeans.getAttribute(master, "Leader")).isEqualTo(true);
            assertThat(mbeans.getAttribute(master, "ActiveAgents")).isEqualTo(1);
            assertThat(get("/master/state")).contains("\"activated_slaves\":1");
            assertThat(tasksByState(mbeans, master)).containsEntry("TASK_RUNNING", 1);
            assertThat(get("/metrics/snapshot")).contains("\"master/tasks_running\":1").contains("\"master/elected\":1");
            assertThat((String) mbeans.getAttribute(master, "ResourcesTotal")).contains("cpus:4");
            ObjectName agent = new ObjectName("io.mezzo:type=Agent");
            assertThat(mbeans.getAttribute(agent, "Registered")).isEqualTo(true);
            assertThat(mbeans.getAttribute(agent, "AgentId")).isEqualTo(offer.getAgentId().getValue());
            ObjectName zookeeper = new ObjectName(ZooKeeperMBean.OBJECT_NAME);
            assertThat(mbeans.getAttribute(zookeeper, "Serving")).isEqualTo(true);
            assertThat(mbeans.getAttribute(zookeeper, "ServerState")).isEqualTo("standalone");
            // the master's latch and its clients: the master's and the agent's sessions
            assertThat((Long) mbeans.getAttribute(zookeeper, "AliveConnections")).isGreaterThanOrEqualTo(2L);
            assertThat((Long) mbeans.getAttribute(zookeeper, "EphemeralsCount")).isGreaterThanOrEqualTo(1L);
            assertThat((Long) mbeans.getAttribute(zookeeper, "ZnodeCount")).isGreaterThan(3L);

            // a policy bundle is hot-deployed (dropped into deploy/) and selected over JMX
            java.nio.file.Path binpack = node.deployDir().resolve("mezzo-allocator-binpack.jar");
            java.nio.file.Files.copy(node.systemArtifact("io.mezzo", "mezzo-allocator-binpack",
                    System.getProperty("mezzo.version")), binpack);
            await().atMost(WAIT).until(() -> List.of((String[]) mbeans.getAttribute(allocator, "AvailablePolicies"))
                    .contains("binpack"));
            mbeans.invoke(allocator, "setPolicy", new Object[] {"binpack"}, new String[] {String.class.getName()});
            await().atMost(WAIT).until(() -> "binpack".equals(mbeans.getAttribute(allocator, "ActivePolicy")));
            assertThat(node.console("mezzo:policies", WAIT).output()).contains("binpack").contains("drf");

            // the viewer reads, but may not switch policies
            MBeanServerConnection readOnly = viewer.getMBeanServerConnection();
            assertThat(readOnly.getAttribute(allocator, "ActivePolicy")).isEqualTo("binpack");
            assertThat((String) readOnly.getAttribute(zookeeper, "Version")).startsWith("3.9");
            assertThatThrownBy(() -> readOnly.invoke(allocator, "setPolicy", new Object[] {"drf"},
                    new String[] {String.class.getName()})).isInstanceOf(SecurityException.class);

            // the bundle goes away (removed from deploy/): the master falls back to drf and keeps allocating
            java.nio.file.Files.delete(binpack);
            await().atMost(WAIT).until(() -> "drf".equals(mbeans.getAttribute(allocator, "ActivePolicy")));
            assertThat((String) mbeans.getAttribute(allocator, "FallbackReason")).isNotEmpty();
            long cycles = (Long) mbeans.getAttribute(allocator, "CyclesRun");
            await().atMost(WAIT).until(() -> (Long) mbeans.getAttribute(allocator, "CyclesRun") > cycles);

            // the task ran through all of it
            assertThat(scheduler.states("jmx-sleeper")).doesNotContain(TaskState.TASK_KILLED, TaskState.TASK_LOST,
                    TaskState.TASK_FAILED);
            assertThat(tasksByState(mbeans, master)).containsEntry("TASK_RUNNING", 1);
        }
    }

    private static Map<String, Integer> tasksByState(MBeanServerConnection mbeans, ObjectName master) throws Exception {
        TabularData table = (TabularData) mbeans.getAttribute(master, "TasksByState");
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Object row : table.values()) {
            CompositeData entry = (CompositeData) row;
            counts.put((String) entry.get("key"), (Integer) entry.get("value"));
        }
        return counts;
    }

    private static JMXConnector connect(String user, String password) throws Exception {
        return node.connectJmx(user, password);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().replace(" ", "");
    }
}
