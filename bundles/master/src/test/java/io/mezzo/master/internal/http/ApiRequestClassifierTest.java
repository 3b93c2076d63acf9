package io.mezzo.master.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.codec.ContentType;
import io.mezzo.api.validation.SchedulerCallValidator;
import io.mezzo.api.v1.scheduler.Protos.Call;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiRequestClassifierTest {
    private static final String SUBSCRIBE =
            "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}";
    private final ApiRequestClassifier<Call> classifier = new ApiRequestClassifier<>(Call.getDefaultInstance(),
            "scheduler::Call", SchedulerCallValidator::validate, c -> c.getType() == Call.Type.SUBSCRIBE);

    private int status(String method, String contentType, String accept, String streamId, String body) {
        return classifier.classify(new ApiRequestClassifier.Request(method, contentType, accept, streamId,
                body.getBytes(StandardCharsets.UTF_8))).status();
    }

    @Test
    void checksInMesosOrder() {
        assertThat(status("GET", null, null, null, "")).isEqualTo(405);
        assertThat(status("POST", null, null, null, SUBSCRIBE)).isEqualTo(400);
        assertThat(status("POST", "application/json", null, null, "{nope")).isEqualTo(400);
        // a parseable body with a foreign type is 415, an unparseable one 400, as Mesos parses first
        assertThat(status("POST", "text/plain", null, null, SUBSCRIBE)).isEqualTo(415);
        assertThat(status("POST", "text/plain", null, null, "{nope")).isEqualTo(400);
        assertThat(status("POST", "application/json", null, null, "{\"type\":\"SUBSCRIBE\"}")).isEqualTo(400);
        assertThat(status("POST", "application/json", "text/html", null, SUBSCRIBE)).isEqualTo(406);
        assertThat(status("POST", "application/json", null, "s", SUBSCRIBE)).isEqualTo(400);
        assertThat(status("POST", "application/json", null, null, "{\"type\":\"REVIVE\"}")).isEqualTo(400);
        assertThat(status("POST", "application/json", null, null, SUBSCRIBE)).isEqualTo(200);
    }

    @Test
    void responseEncodingFollowsAccept() {
        var outcome = classifier.classify(new ApiRequestClassifier.Request("POST", "application/json",
                "application/x-protobuf", null, SUBSCRIBE.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcome.responseType()).isEqualTo(ContentType.PROTOBUF);
    }

    @Test
    void malformedUuidIsRejected() {
        String ack = "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"f\"},\"acknowledge\":{\"agent_id\":"
                + "{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAAA\"}}";
        var outcome = classifier.classify(new ApiRequestClassifier.Request("POST", "application/json", null, null,
                ack.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcome.message()).isEqualTo("Failed to validate scheduler::Call: Not a valid UUID");
    }
}
