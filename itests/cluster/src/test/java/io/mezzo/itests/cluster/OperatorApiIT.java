package io.mezzo.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.codec.JsonCodec;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.Task;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.master.Protos.Call;
import io.mezzo.api.v1.master.Protos.Response;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator API ({@code POST /api/v1}) and {@code /master/state} describe a cluster with a running task. */
class OperatorApiIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("operator-api");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void getStateInProtobufAndJsonAndMasterStateShowTheRunningTask() throws Exception {
        try (TestScheduler scheduler = TestScheduler.subscribe(node.baseUri(), "operator")) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(30));
            scheduler.launch(offer, List.of(TestScheduler.shellTask("op-sleeper", offer.getAgentId(), "sleep 300", 0.1, 32)));
            scheduler.awaitState("op-sleeper", TaskState.TASK_RUNNING, Duration.ofSeconds(60));

            // protobuf in, protobuf out
            HttpResponse<byte[]> proto = HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/api/v1"))
                    .header("Content-Type", "application/x-protobuf").header("Accept", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            Call.newBuilder().setType(Call.Type.GET_STATE).build().toByteArray()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(proto.statusCode()).isEqualTo(200);
            Response state = Response.parseFrom(proto.body());
            assertThat(state.getType()).isEqualTo(Response.Type.GET_STATE);
            assertThat(state.getGetState().getGetAgents().getAgentsList()).hasSize(1);
            assertThat(state.getGetState().getGetFrameworks().getFrameworksList())
                    .anySatisfy(f -> assertThat(f.getFrameworkInfo().getId().getValue()).isEqualTo(scheduler.frameworkId()));
            assertThat(state.getGetState().getGetTasks().getTasksList()).extracting(Task::getTaskId)
                    .extracting(id -> id.getValue()).contains("op-sleeper");

            // JSON in, JSON out (the Mesos field names)
            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/master/api/v1"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_TASKS\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            Response tasks = JsonCodec.fromJson(json.body(), Response.getDefaultInstance());
            assertThat(tasks.getGetTasks().getTasksList()).anySatisfy(t -> {
                assertThat(t.getTaskId().getValue()).isEqualTo("op-sleeper");
                assertThat(t.getState()).isEqualTo(TaskState.TASK_RUNNING);
            });

            HttpResponse<String> masterState = HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/master/state"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(masterState.statusCode()).isEqualTo(200);
            assertThat(masterState.body()).contains("\"op-sleeper\"").contains("TASK_RUNNING")
                    .contains(scheduler.frameworkId());

            assertThat(HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/api/v1"))
                    .header("Content-Type", "application/json").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(406);
        }
    }
}
