package io.mezzo.api.client;

import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A framework's connection to the Mesos v1 scheduler API ({@code POST /api/v1/scheduler}):
 * {@link #subscribe} opens the event stream, the other methods send calls with the stream id and
 * the framework id the master assigned, and return the HTTP status (202 when accepted).
 *
 * <p>Events arrive on HTTP client threads, one at a time in stream order. SUBSCRIBED is seen by
 * this client first (to learn the framework id) and then passed on like every other event.
 */
public final class SchedulerClient implements AutoCloseable {
    public static final String PATH = "/api/v1/scheduler";

    private final EventStream<Event> stream;
    private final FrameworkIdHolder frameworkId;

    private SchedulerClient(EventStream<Event> stream, FrameworkIdHolder frameworkId) {
        this.stream = stream;
        this.frameworkId = frameworkId;
    }

    /** An HTTP/1.1 client that leaves redirects to {@link EventStream} (which follows 307 itself). */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Subscribes {@code framework} (with its id set, a re-subscription) at {@code master}
     * ({@code http://host:port}).
     *
     * @param onEvent receives every event, SUBSCRIBED first
     * @param onClosed told once when the stream ends (empty cause: closed by {@link #close})
     * @throws ApiException if the master refused the subscription
     */
    public static SchedulerClient subscribe(HttpClient http, URI master, FrameworkInfo framework,
            Consumer<Event> onEvent, Consumer<Optional<Throwable>> onClosed, Duration timeout)
            throws IOException, InterruptedException {
        FrameworkIdHolder id = new FrameworkIdHolder(framework.hasId() ? framework.getId() : null);
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework));
        if (framework.hasId()) {
            call.setFrameworkId(framework.getId());
        }
        EventStream<Event> stream = EventStream.subscribe(http, master.resolve(PATH), call.build(), Event::parseFrom,
                new EventStream.Listener<>() {
                    @Override
                    public void onEvent(Event event) {
                        if (event.getType() == Event.Type.SUBSCRIBED) {
                            id.value = event.getSubscribed().getFrameworkId();
                        }
                        onEvent.accept(event);
                    }

                    @Override
                    public void onClosed(Optional<Throwable> cause) {
                        onClosed.accept(cause);
                    }
                }, timeout);
        return new SchedulerClient(stream, id);
    }

    /** The framework id, once SUBSCRIBED arrived (or given at subscription). */
    public Optional<FrameworkID> frameworkId() {
        return Optional.ofNullable(frameworkId.value);
    }

    public String streamId() {
        return stream.streamId();
    }

    /** Where the subscription lives (the leading master's endpoint, after redirects). */
    public URI endpoint() {
        return stream.endpoint();
    }

    public boolean isOpen() {
        return stream.isOpen();
    }

    /** Sends any call, filling in the framework id, and waits for the HTTP status. */
    public int call(Call call) throws IOException, InterruptedException {
        try {
            return callAsync(call).get().statusCode();
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    /** Sends any call without waiting; the future yields the response (status and body). */
    public CompletableFuture<HttpResponse<String>> callAsync(Call call) {
        Call.Builder withId = call.toBuilder();
        FrameworkID id = frameworkId.value;
        if (!withId.hasFrameworkId() && id != null) {
            withId.setFrameworkId(id);
        }
        return stream.call(withId.build());
    }

    public int accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters)
            throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addAllOfferIds(offerIds).addAllOperations(operations).setFilters(filters)).build());
    }

    public int decline(List<OfferID> offerIds, Filters filters) throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.DECLINE)
                .setDecline(Call.Decline.newBuilder().addAllOfferIds(offerIds).setFilters(filters)).build());
    }

    /** Acknowledges a status update that carries a uuid (updates without one need no ack). */
    public int acknowledge(TaskStatus status) throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
    }

    public int kill(TaskID taskId, Optional<AgentID> agentId) throws IOException, InterruptedException {
        Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(taskId);
        agentId.ifPresent(kill::setAgentId);
        return call(Call.newBuilder().setType(Call.Type.KILL).setKill(kill).build());
    }

    /** Explicit reconciliation of the given tasks, or implicit (all tasks) when the list is empty. */
    public int reconcile(List<Call.Reconcile.Task> tasks) throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.RECONCILE)
                .setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks)).build());
    }

    public int revive() throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.REVIVE).build());
    }

    public int suppress() throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.SUPPRESS).build());
    }

    /** Ends the framework: the master kills its tasks and forgets it. */
    public int teardown() throws IOException, InterruptedException {
        return call(Call.newBuilder().setType(Call.Type.TEARDOWN).build());
    }

    /** Drops the subscription (the framework stays registered until its failover timeout). */
    @Override
    public void close() {
        stream.close();
    }

    private static IOException asIoException(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof CompletionException && cause.getCause() instanceof IOException io) {
            return io;
        }
        return new IOException(cause);
    }

    /** Written once by the stream thread on SUBSCRIBED, read by callers. */
    private static final class FrameworkIdHolder {
        private volatile FrameworkID value;

        FrameworkIdHolder(FrameworkID initial) {
            this.value = initial;
        }
    }
}
