package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bad input of the Mesos scheduler API's status table gets its status code and a one-line
 * reason, and none of them disturbs a framework that is working at the same time.
 */
class SchedulerApiErrorsIT {
    private static MezzoNode node;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("scheduler-api-errors");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void transportErrors() throws Exception {
        assertThat(send(request("/api/v1/scheduler").GET())).isEqualTo(405);
        assertThat(send(request("/api/v1/scheduler").POST(body("{\"type\":\"TEARDOWN\"}")))).isEqualTo(400);
        assertThat(send(request("/api/v1/scheduler").header("Content-Type", "text/plain")
                .POST(body("{\"type\":\"SUBSCRIBE\"}")))).isEqualTo(415);
        assertThat(send(json("{ this is not json"))).isEqualTo(400);
        assertThat(send(request("/api/v1/scheduler").header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01, 0x02})))).isEqualTo(400);
        assertThat(send(request("/no/such/endpoint").GET())).isEqualTo(404);
    }

    @Test
    void validationErrors() throws Exception {
        assertThat(send(json("{}"))).as("no type").isEqualTo(400);
        assertThat(send(json("{\"type\":\"SUBSCRIBE\"}"))).as("no subscribe").isEqualTo(400);
        assertThat(send(json("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}")))
                .as("framework_info.user missing").isEqualTo(400);
        assertThat(send(json("{\"type\":\"TEARDOWN\"}"))).as("no framework_id").isEqualTo(400);
        assertThat(send(json("{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"}}"))).as("no accept").isEqualTo(400);
        assertThat(send(json("{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"f\"},\"acknowledge\":{"
                + "\"agent_id\":{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAEC\"}}")))
                .as("uuid not 16 bytes").isEqualTo(400);
        assertThat(send(json("{\"type\":\"TEARDOWN\",\"framework_id\":{\"value\":\"no-such-framework\"}}")
                .header("Mesos-Stream-Id", "x"))).as("unknown framework").isEqualTo(400);
    }

    @Test
    void negotiationAndStreamErrors() throws Exception {
        String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"root\",\"name\":\"n\"}}}";
        assertThat(send(json(subscribe).setHeader("Accept", "text/html"))).isEqualTo(406);
        assertThat(send(json(subscribe).header("Mesos-Stream-Id", "abc"))).isEqualTo(400);

        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), FrameworkInfo.newBuilder()
                .setUser("root").setName("stream-errors").setFailoverTimeout(60).build())) {
            String fw = scheduler.frameworkId();
            String revive = "{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"" + fw + "\"}}";
            assertThat(send(json(revive))).as("no stream id").isEqualTo(400);
            assertThat(send(json(revive).header("Mesos-Stream-Id", "not-the-stream"))).as("wrong stream id")
                    .isEqualTo(400);
            assertThat(send(json(revive).header("Mesos-Stream-Id", scheduler.client().streamId()))).isEqualTo(202);
            assertThat(send(json("{\"type\":\"UNKNOWN\",\"framework_id\":{\"value\":\"" + fw + "\"}}")
                    .header("Mesos-Stream-Id", scheduler.client().streamId()))).isEqualTo(501);

            // the subscription connection drops: the framework is known but not subscribed (the master
            // may only notice at its next heartbeat write, 15 s by default)
            String streamId = scheduler.client().streamId();
            scheduler.client().close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() ->
                    send(json(revive).header("Mesos-Stream-Id", streamId)) == 403);
            // re-subscribe with the framework id: a new stream id, the old one is refused
            try (TestScheduler again = TestScheduler.subscribe(node.baseUri(), FrameworkInfo.newBuilder()
                    .setUser("root").setName("stream-errors").setFailoverTimeout(60)
                    .setId(io.mezzo.api.v1.Protos.FrameworkID.newBuilder().setValue(fw)).build())) {
                assertThat(again.frameworkId()).isEqualTo(fw);
                assertThat(again.client().streamId()).isNotEqualTo(streamId);
                assertThat(send(json(revive).header("Mesos-Stream-Id", streamId))).isEqualTo(400);
                assertThat(send(json(revive).header("Mesos-Stream-Id", again.client().streamId()))).isEqualTo(202);
            }
        }
    }

    @Test
    void hugeBodyIsRefusedWithoutHarm() throws Exception {
        byte[] huge = new byte[64 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        int status = send(request("/api/v1/scheduler").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(status).isIn(400, 413);
        assertThat(send(request("/health").GET())).isEqualTo(200);
    }

    @Test
    void protobufCallsAreUnderstood() throws Exception {
        byte[] call = Call.newBuilder().setType(Call.Type.TEARDOWN).build().toByteArray();
        // framework_id missing: a protobuf body is parsed and validated like JSON
        assertThat(send(request("/api/v1/scheduler").header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call)))).isEqualTo(400);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(node.baseUri().resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder json(String body) {
        return request("/api/v1/scheduler").header("Content-Type", "application/json").POST(body(body));
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** Sends and returns the status; a 200 (a subscription stream) is closed at once. */
    private static int send(HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

}
