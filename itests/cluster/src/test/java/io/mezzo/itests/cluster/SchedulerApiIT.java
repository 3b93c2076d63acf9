package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.jmx.AgentMBean;
import io.mezzo.api.codec.RecordIOReader;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.DurationInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Event;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offer cycle end to end through the real scheduler API, against the single-node
 * distribution running as its own process: tasks are real processes on the node's agent.
 */
class SchedulerApiIT {
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("scheduler-api");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void protobufSchedulerRunsEchoHelloAndFindsItsOutput() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "protobuf-echo")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            assertThat(scheduler.launch(offer, List.of(
                    TestScheduler.shellTask("pb-echo", offer.getAgentId(), "echo hello", 0.1, 32)))).isEqualTo(202);

            scheduler.awaitState("pb-echo", TaskState.TASK_FINISHED, TASK_TIMEOUT);
            assertThat(scheduler.states("pb-echo")).containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Optional<Path> stdout = SingleNode.sandboxFile(node, "pb-echo", "stdout");
                assertThat(stdout).isPresent();
                assertThat(Files.readString(stdout.get())).contains("hello");
            });
        }
    }

    @Test
    void jsonSchedulerSubscribesLaunchesAndAcknowledges() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = node.baseUri().resolve("/api/v1/scheduler");
        HttpResponse<InputStream> subscription = http.send(json(endpoint,
                "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"root\",\"name\":\"json-echo\","
                        + "\"roles\":[\"*\"],\"failover_timeout\":0}}}").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(subscription.statusCode()).isEqualTo(200);
        assertThat(subscription.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        String streamId = subscription.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        List<Event> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readJsonEvents(subscription.body(), events), "json-events");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> first(events, Event.Type.SUBSCRIBED).isPresent());
            String frameworkId = first(events, Event.Type.SUBSCRIBED).get().getSubscribed().getFrameworkId().getValue();
            await().atMost(Duration.ofSeconds(30)).until(() -> first(events, Event.Type.OFFERS).isPresent());
            Offer offer = first(events, Event.Type.OFFERS).get().getOffers().getOffers(0);

            String accept = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"ACCEPT\",\"accept\":{"
                    + "\"offer_ids\":[{\"value\":\"" + offer.getId().getValue() + "\"}],"
                    + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[{\"name\":\"json-echo\","
                    + "\"task_id\":{\"value\":\"json-echo\"},\"agent_id\":{\"value\":\"" + offer.getAgentId().getValue()
                    + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}},"
                    + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32}}],"
                    + "\"command\":{\"shell\":true,\"value\":\"echo hello\"}}]}}],\"filters\":{\"refuse_seconds\":0}}}";
            assertThat(http.send(json(endpoint, accept).header("Mesos-Stream-Id", streamId).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);

            // acknowledge every update that asks for it, until FINISHED has been acknowledged
            List<String> acknowledged = new ArrayList<>();
            await().atMost(TASK_TIMEOUT).until(() -> {
                for (Event event : events) {
                    if (event.getType() != Event.Type.UPDATE) {
                        continue;
                    }
                    TaskStatus status = event.getUpdate().getStatus();
                    String uuid = Base64.getEncoder().encodeToString(status.getUuid().toByteArray());
                    if (status.hasUuid() && !acknowledged.contains(uuid)) {
                        String ack = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"ACKNOWLEDGE\","
                                + "\"acknowledge\":{\"agent_id\":{\"value\":\"" + status.getAgentId().getValue() + "\"},"
                                + "\"task_id\":{\"value\":\"json-echo\"},\"uuid\":\"" + uuid + "\"}}";
                        assertThat(http.send(json(endpoint, ack).header("Mesos-Stream-Id", streamId).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
                        acknowledged.add(uuid);
                    }
                    if (status.getState() == TaskState.TASK_FINISHED && acknowledged.contains(uuid)) {
                        return true;
                    }
                }
                return false;
            });
            List<TaskState> states = events.stream().filter(e -> e.getType() == Event.Type.UPDATE)
                    .map(e -> e.getUpdate().getStatus().getState()).toList();
            assertThat(states).containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
            assertThat(Files.readString(SingleNode.sandboxFile(node, "json-echo", "stdout").orElseThrow()))
                    .contains("hello");

            String teardown = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"TEARDOWN\"}";
            assertThat(http.send(json(endpoint, teardown).header("Mesos-Stream-Id", streamId).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        } finally {
            subscription.body().close();
        }
    }

    @Test
    void killEndsASleepingTaskWithinItsGracePeriod() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "kill")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            TaskInfo sleep = TestScheduler.shellTask("sleeper", offer.getAgentId(), "sleep 300", 0.1, 32).toBuilder()
                    .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(
                            DurationInfo.newBuilder().setNanoseconds(Duration.ofSeconds(2).toNanos())))
                    .build();
            scheduler.launch(offer, List.of(sleep));
            scheduler.awaitState("sleeper", TaskState.TASK_RUNNING, TASK_TIMEOUT);

            Instant killed = Instant.now();
            assertThat(scheduler.client().kill(sleep.getTaskId(), Optional.of(offer.getAgentId()))).isEqualTo(202);
            scheduler.awaitState("sleeper", TaskState.TASK_KILLED, Duration.ofSeconds(10));
            // sleep dies of SIGTERM at once; the 2 s grace period is the upper bound (plus delivery)
            assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void declinedOfferIsNotOfferedAgainDuringRefuseSeconds() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "decline")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            Instant declined = Instant.now();
            assertThat(scheduler.decline(offer, 2.0)).isEqualTo(202);

            Offer again = scheduler.awaitOffer(Duration.ofSeconds(15));
            assertThat(again.getAgentId()).isEqualTo(offer.getAgentId());
            assertThat(Duration.between(declined, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }

    @Test
    void fiftyTasksLaunchedInOneAcceptAllFinish() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "fifty")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            List<TaskInfo> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tasks.add(TestScheduler.shellTask("batch-" + i, offer.getAgentId(), "echo task " + i, 0.05, 16));
            }
            assertThat(scheduler.launch(offer, tasks)).isEqualTo(202);
            for (TaskInfo task : tasks) {
                scheduler.awaitState(task.getTaskId().getValue(), TaskState.TASK_FINISHED, TASK_TIMEOUT);
            }
        }
    }

    @Test
    void invalidLaunchesEndInTaskErrorWithoutDisturbingOthers() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "invalid")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            scheduler.launch(offer, List.of(
                    TestScheduler.shellTask("too-big", offer.getAgentId(), "true", 1000, 32),
                    TestScheduler.shellTask("fine", offer.getAgentId(), "true", 0.1, 32),
                    TestScheduler.shellTask("fine", offer.getAgentId(), "true", 0.1, 32)));

            TaskStatus tooBig = scheduler.awaitState("too-big", TaskState.TASK_ERROR, Duration.ofSeconds(10));
            assertThat(tooBig.getMessage()).isNotBlank();
            assertThat(tooBig.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
            // the first "fine" runs; its duplicate is refused
            scheduler.awaitState("fine", TaskState.TASK_ERROR, Duration.ofSeconds(10));
            scheduler.awaitState("fine", TaskState.TASK_FINISHED, TASK_TIMEOUT);
        }
    }

    /**
     * Two frameworks on the one agent: the second's task of an id the first runs there is refused
     * (the agent keys tasks by id), and a TEARDOWN of the first while its task runs leaves nothing on
     * the agent: the task is killed and forgotten, and no update is retried for a framework that is gone.
     */
    @Test
    void aTornDownFrameworkLeavesNothingOnTheAgentAndTaskIdsDoNotCollide() throws Exception {
        try (TestScheduler first = TestScheduler.subscribe(node.baseUri(), "first")) {
            Offer offer = first.awaitOffer(Duration.ofSeconds(30));
            first.launch(offer, List.of(TestScheduler.shellTask("same-id", offer.getAgentId(), "sleep 300", 0.1, 32)));
            first.awaitState("same-id", TaskState.TASK_RUNNING, TASK_TIMEOUT);
            first.decline(first.awaitOffer(Duration.ofSeconds(30)), 3600);

            try (TestScheduler second = TestScheduler.subscribe(node.baseUri(), "second")) {
                Offer other = second.awaitOffer(Duration.ofSeconds(30));
                second.launch(other, List.of(TestScheduler.shellTask("same-id", other.getAgentId(), "true", 0.1, 32)));
                TaskStatus refused = second.awaitState("same-id", TaskState.TASK_ERROR, Duration.ofSeconds(10));
                assertThat(refused.getMessage()).contains("in use on agent").contains("another framework");
            }
            assertThat(first.states("same-id")).doesNotContain(TaskState.TASK_ERROR, TaskState.TASK_KILLED);
        } // TEARDOWN with same-id running

        try (JMXConnector jmx = node.connectJmx("karaf", "karaf")) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName agent = new ObjectName(AgentMBean.OBJECT_NAME);
            await().atMost(TASK_TIMEOUT).until(() -> (Integer) mbeans.getAttribute(agent, "PendingStatusUpdates") == 0
                    && ((TabularData) mbeans.getAttribute(agent, "TasksByState")).isEmpty());
        }
    }

    private static HttpRequest.Builder json(URI endpoint, String body) {
        return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static void readJsonEvents(InputStream in, List<Event> events) {
        try (RecordIOReader reader = new RecordIOReader(in)) {
            for (byte[] record = reader.next(); record != null; record = reader.next()) {
                events.add(JsonCodec.fromJson(record, Event.getDefaultInstance()));
            }
        } catch (Exception e) {
            // the stream ends when the test closes it
        }
    }

    private static Optional<Event> first(List<Event> events, Event.Type type) {
        return events.stream().filter(e -> e.getType() == type).findFirst();
    }
}
