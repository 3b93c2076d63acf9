package io.mezzo.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mezzo.api.codec.RecordIO;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a tiny master double (JDK HttpServer): streaming, stream id, calls, 307, close. */
class SchedulerClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("u").setName("f").build();

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> streamIds = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpExchange> subscription = new CompletableFuture<>();
    private final HttpClient http = SchedulerClient.newHttpClient(TIMEOUT);
    private HttpServer leader;
    private HttpServer standby;

    @AfterEach
    void stop() {
        subscription.thenAccept(HttpExchange::close);
        if (leader != null) {
            leader.stop(0);
        }
        if (standby != null) {
            standby.stop(0);
        }
        threads.shutdownNow();
    }

    private URI startLeader() throws IOException {
        leader = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        leader.setExecutor(threads);
        leader.createContext(SchedulerClient.PATH, exchange -> {
            Call call = Call.parseFrom(exchange.getRequestBody().readAllBytes());
            if (call.getType() == Call.Type.SUBSCRIBE) {
                if (call.getSubscribe().getFrameworkInfo().getName().equals("refused")) {
                    byte[] reason = "Failed to validate scheduler::Call: bad".getBytes();
                    exchange.sendResponseHeaders(400, reason.length);
                    exchange.getResponseBody().write(reason);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Mesos-Stream-Id", "s-1");
                exchange.sendResponseHeaders(200, 0);
                subscription.complete(exchange);
            } else {
                streamIds.add(exchange.getRequestHeaders().getFirst("Mesos-Stream-Id"));
                calls.add(call);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
        });
        leader.start();
        return URI.create("http://127.0.0.1:" + leader.getAddress().getPort());
    }

    private URI startStandby(URI leaderUri) throws IOException {
        standby = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standby.setExecutor(threads);
        standby.createContext("/", exchange -> {
            // as the Mesos master does: protocol-relative Location
            exchange.getResponseHeaders().add("Location", "//" + leaderUri.getAuthority() + SchedulerClient.PATH);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        standby.start();
        return URI.create("http://127.0.0.1:" + standby.getAddress().getPort());
    }

    private void emit(Event event) throws Exception {
        OutputStream out = subscription.get(5, TimeUnit.SECONDS).getResponseBody();
        synchronized (out) {
            // one record split over two writes: chunk boundaries mean nothing
            byte[] framed = RecordIO.frame(event.toByteArray());
            out.write(framed, 0, framed.length / 2);
            out.flush();
            out.write(framed, framed.length / 2, framed.length - framed.length / 2);
            out.flush();
        }
    }

    @Test
    void subscribesReceivesEventsAndSendsCallsWithTheStreamAndFrameworkIds() throws Exception {
        URI master = startLeader();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        CompletableFuture<Optional<Throwable>> closed = new CompletableFuture<>();

        try (SchedulerClient client = SchedulerClient.subscribe(http, master, FRAMEWORK, events::add,
                closed::complete, TIMEOUT)) {
            assertThat(client.streamId()).isEqualTo("s-1");
            emit(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                    .setFrameworkId(FrameworkID.newBuilder().setValue("fw-9"))).build());
            emit(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());

            assertThat(events.poll(5, TimeUnit.SECONDS).getType()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(events.poll(5, TimeUnit.SECONDS).getType()).isEqualTo(Event.Type.HEARTBEAT);
            assertThat(client.frameworkId()).map(FrameworkID::getValue).contains("fw-9");

            TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
                    .setAgentId(AgentID.newBuilder().setValue("a1")).setState(TaskState.TASK_RUNNING)
                    .setUuid(ByteString.copyFrom(new byte[16])).build();
            assertThat(client.acknowledge(status)).isEqualTo(202);
            assertThat(client.decline(List.of(OfferID.newBuilder().setValue("o1").build()),
                    Filters.newBuilder().setRefuseSeconds(2).build())).isEqualTo(202);

            Call ack = calls.poll(5, TimeUnit.SECONDS);
            assertThat(ack.getType()).isEqualTo(Call.Type.ACKNOWLEDGE);
            assertThat(ack.getFrameworkId().getValue()).isEqualTo("fw-9");
            assertThat(ack.getAcknowledge().getUuid()).isEqualTo(status.getUuid());
            assertThat(calls.poll(5, TimeUnit.SECONDS).getDecline().getFilters().getRefuseSeconds()).isEqualTo(2.0);
            assertThat(streamIds).containsOnly("s-1");
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).as("closed by us: no cause").isEmpty();
    }

    @Test
    void followsTheStandbysRedirectToTheLeader() throws Exception {
        URI leaderUri = startLeader();
        URI standbyUri = startStandby(leaderUri);

        try (SchedulerClient client = SchedulerClient.subscribe(http, standbyUri, FRAMEWORK, e -> { },
                c -> { }, TIMEOUT)) {
            assertThat(client.endpoint()).isEqualTo(leaderUri.resolve(SchedulerClient.PATH));
            assertThat(client.teardown()).as("later calls go to the leader").isEqualTo(202);
            assertThat(calls.poll(5, TimeUnit.SECONDS).getType()).isEqualTo(Call.Type.TEARDOWN);
        }
    }

    @Test
    void refusedSubscriptionReportsStatusAndReason() throws Exception {
        URI master = startLeader();
        FrameworkInfo refused = FRAMEWORK.toBuilder().setName("refused").build();

        assertThatThrownBy(() -> SchedulerClient.subscribe(http, master, refused, e -> { }, c -> { }, TIMEOUT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("Failed to validate");
                });
    }

    @Test
    void serverClosingTheStreamIsReportedWithACause() throws Exception {
        URI master = startLeader();
        CompletableFuture<Optional<Throwable>> closed = new CompletableFuture<>();

        try (SchedulerClient client = SchedulerClient.subscribe(http, master, FRAMEWORK, e -> { }, closed::complete,
                TIMEOUT)) {
            subscription.get(5, TimeUnit.SECONDS).close();

            assertThat(closed.get(5, TimeUnit.SECONDS)).isPresent();
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void protocolRelativeLocationKeepsTheScheme() {
        assertThat(EventStream.redirect(URI.create("http://standby:5050/api/v1/scheduler"),
                "//leader:5051/master/api/v1/scheduler"))
                .isEqualTo(URI.create("http://leader:5051/master/api/v1/scheduler"));
    }
}
