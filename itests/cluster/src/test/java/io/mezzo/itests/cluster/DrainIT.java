package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.itests.harness.FreePorts;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.MezzoNode.ConsoleResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent maintenance against two real nodes: a single node (ZooKeeper, master and agent "local")
 * and a second agent "remote" in its own Karaf. The local agent is drained from the console while
 * a task runs (its offer is rescinded, it offers nothing more, the task finishes, it becomes
 * DRAINED in mezzo:agents and /master/state) and reactivated (offers again); the remote one is
 * drained over JMX with a kill grace of 0 (its task is killed). A remote JMX client receives the
 * DRAINED notifications, and the agent-lost one when the remote agent is frozen (SIGSTOP; pings of
 * 1 s × 3).
 */
class DrainIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String RESOURCES = "cpus:2;mem:2048;disk:1024;ports:[31000-31100]";
    private static MezzoNode node;
    private static MezzoNode remoteNode;

    @BeforeAll
    static void startNodes() {
        Path distribution = Path.of(System.getProperty("mezzo.assembly.dir"));
        Path nodes = Path.of(System.getProperty("mezzo.nodes.dir")).resolve("drain");
        int zkPort = FreePorts.next();
        String zk = "zk://127.0.0.1:" + zkPort + "/mezzo";
        node = MezzoNode.prepare("single", distribution, nodes, Map.of("MEZZO_ZK_EMBEDDED", "true",
                "MEZZO_ZK_PORT", Integer.toString(zkPort), "MEZZO_ZK", zk, "MEZZO_AGENT_RESOURCES", RESOURCES,
                "MEZZO_WORK_DIR", nodes.resolve("single-work").toString(),
                "MEZZO_AGENT_PING_INTERVAL", "1secs", "MEZZO_AGENT_MAX_MISSED_PINGS", "3")).start();
        remoteNode = MezzoNode.prepare("remote", distribution, nodes, Map.of("MEZZO_ROLES", "agent", "MEZZO_ZK", zk,
                "MEZZO_AGENT_RESOURCES", RESOURCES, "MEZZO_WORK_DIR", nodes.resolve("remote-work").toString())).start();
        node.awaitHealthy(WAIT).awaitLeaderKnown(WAIT);
        remoteNode.awaitHealthy(WAIT);
        node.awaitActiveAgents(2, WAIT);
    }

    @AfterAll
    static void stopNodes() {
        if (remoteNode != null) {
            remoteNode.resume();
            remoteNode.stop();
        }
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void drainedAgentsOfferNothingLetTasksFinishOrKillThemAndOperatorsAreNotified() throws Exception {
        Path release = Path.of(System.getProperty("mezzo.nodes.dir")).resolve("drain").resolve("release-local-task");
        Files.deleteIfExists(release);
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        try (JMXConnector jmx = connect("karaf", "karaf");
                TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "drain")) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName master = new ObjectName("io.mezzo:type=Master");
            await().atMost(WAIT).until(() -> mbeans.isRegistered(master));
            mbeans.addNotificationListener(master, (n, handback) -> notifications.add(n), null, null);
            String local = (String) mbeans.getAttribute(new ObjectName("io.mezzo:type=Agent"), "AgentId");

            // a task on each agent: the local one runs until the test releases it, the remote one 300 s
            Offer localOffer = offerFrom(scheduler, local, true);
            Offer remoteOffer = offerFrom(scheduler, local, false);
            String remote = remoteOffer.getAgentId().getValue();
            scheduler.launch(localOffer, List.of(TestScheduler.shellTask("finisher", localOffer.getAgentId(),
                    "while [ ! -e '" + release + "' ]; do sleep 0.2; done", 0.5, 64)));
            scheduler.launch(remoteOffer, List.of(TestScheduler.shellTask("sleeper", remoteOffer.getAgentId(),
                    "sleep 300", 0.5, 64)));
            scheduler.awaitState("finisher", TaskState.TASK_RUNNING, WAIT);
            scheduler.awaitState("sleeper", TaskState.TASK_RUNNING, WAIT);
            Offer leftOnLocal = offerFrom(scheduler, local, true); // the rest of the local agent, outstanding

            // drain from the console: the outstanding offer is rescinded, the task keeps running
            ConsoleResult drain = node.console("mezzo:drain " + local, WAIT);
            assertThat(drain.exitCode()).as(drain.output()).isZero();
            assertThat(drain.output()).contains("draining").contains("left to finish");
            long localOffers = offersFrom(scheduler, local);
            await().atMost(WAIT).until(() -> rescinded(scheduler).contains(leftOnLocal.getId().getValue()));
            assertThat(agentRow(local)).contains("DRAINING");
            assertThat(scheduler.states("finisher")).doesNotContain(TaskState.TASK_KILLED);

            // the task finishes: the agent is DRAINED and offers nothing although its resources are free
            Files.createFile(release);
            scheduler.awaitState("finisher", TaskState.TASK_FINISHED, WAIT);
            await().atMost(WAIT).until(() -> agentRow(local).contains("DRAINED"));
            assertThat(awaitNotification(notifications, "io.mezzo.agent.drained").getUserData()).isEqualTo(local);
            assertThat(get("/master/state")).contains("\"drain_info\":{\"state\":\"DRAINED\"");
            assertThat(mbeans.getAttribute(master, "DrainedAgents")).isEqualTo(1);
            assertThat(get("/metrics/snapshot")).contains("\"master/slaves_drained\":1");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> offersFrom(scheduler, local) == localOffers);

            // reactivated from the console: offers from it again
            ConsoleResult reactivate = node.console("mezzo:reactivate " + local, WAIT);
            assertThat(reactivate.output()).contains("reactivated");
            await().atMost(WAIT).until(() -> offersFrom(scheduler, local) > localOffers);
            assertThat(agentRow(local)).doesNotContain("DRAIN");

            // drained over JMX with a kill grace of 0: the remote task is killed at once
            String answer = (String) mbeans.invoke(master, "drainAgent", new Object[] {remote, 0L},
                    new String[] {String.class.getName(), long.class.getName()});
            assertThat(answer).contains("draining");
            scheduler.awaitState("sleeper", TaskState.TASK_KILLED, WAIT);
            assertThat(awaitNotification(notifications, "io.mezzo.agent.drained").getUserData()).isEqualTo(remote);

            // an unknown agent is one clear error everywhere, and changes nothing
            assertThatThrownBy(() -> mbeans.invoke(master, "deactivateAgent", new Object[] {"no-such-agent"},
                    new String[] {String.class.getName()}))
                    .satisfies(e -> assertThat(messages(e)).contains("Unknown agent no-such-agent"));
            ConsoleResult unknown = node.console("mezzo:deactivate no-such-agent", WAIT);
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.output()).contains("Unknown agent no-such-agent").doesNotContain("Exception");
            HttpResponse<String> api = post("/api/v1", "{\"type\":\"DEACTIVATE_AGENT\",\"deactivate_agent\":"
                    + "{\"agent_id\":{\"value\":\"no-such-agent\"}}}");
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.body()).contains("Unknown agent no-such-agent");

            // the remote agent freezes (a partition): a remote JMX client hears that it was lost
            remoteNode.suspend();
            Notification lost = awaitNotification(notifications, "io.mezzo.agent.unreachable");
            assertThat(lost.getUserData()).isEqualTo(remote);
            assertThat(lost.getMessage()).contains("pings missed");
            assertThat(agentRow(remote)).contains("unreachable").contains("DRAINED");
        } finally {
            remoteNode.resume();
            Files.deleteIfExists(release);
        }
    }

    /** The next offer from the local agent ({@code fromLocal}) or from another; the others stay queued. */
    private static Offer offerFrom(TestScheduler scheduler, String local, boolean fromLocal) {
        return await().atMost(WAIT).until(() -> scheduler.offers().stream()
                .filter(o -> o.getAgentId().getValue().equals(local) == fromLocal).findFirst(),
                java.util.Optional::isPresent).map(o -> {
                    scheduler.offers().remove(o);
                    return o;
                }).orElseThrow();
    }

    private static List<String> rescinded(TestScheduler scheduler) {
        return scheduler.events().stream().filter(e -> e.getType() == Event.Type.RESCIND)
                .map(e -> e.getRescind().getOfferId().getValue()).toList();
    }

    /** How many offers the framework received from {@code agent} so far. */
    private static long offersFrom(TestScheduler scheduler, String agent) {
        return scheduler.events().stream().filter(e -> e.getType() == Event.Type.OFFERS)
                .flatMap(e -> e.getOffers().getOffersList().stream())
                .filter(o -> o.getAgentId().getValue().equals(agent)).count();
    }

    /** The messages of an exception and its causes, as a JMX client sees them (wrapped by RMI and the MBean server). */
    private static String messages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c).append('\n');
        }
        return out.toString();
    }

    /** The agent's row of mezzo:agents. */
    private static String agentRow(String agentId) {
        return node.console("mezzo:agents", WAIT).output().lines().filter(l -> l.contains(agentId)).findFirst()
                .orElseThrow(() -> new AssertionError("agent " + agentId + " not in mezzo:agents"));
    }

    private static Notification awaitNotification(BlockingQueue<Notification> queue, String type)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Notification n = queue.poll(1, TimeUnit.SECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        throw new AssertionError("no " + type + " notification within " + WAIT);
    }

    private static JMXConnector connect(String user, String password) throws Exception {
        return node.connectJmx(user, password);
    }

    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUri() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
