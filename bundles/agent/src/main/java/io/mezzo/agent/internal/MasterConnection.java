package io.mezzo.agent.internal;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.client.ApiException;
import io.mezzo.api.client.EventStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of this agent to a master's {@code /api/v1/agent}. Subscribing blocks, so it
 * runs on the {@code connector} executor; events, the stream's end and the outcome of the
 * subscribe itself are handed to the callbacks, which enqueue onto the agent's loop.
 */
final class MasterConnection implements AutoCloseable {
    static final String PATH = "/api/v1/agent";
    private static final Logger LOG = LoggerFactory.getLogger(MasterConnection.class);

    private final CompletableFuture<EventStream<AgentEvent>> stream = new CompletableFuture<>();
    private final URI master;

    private MasterConnection(URI master) {
        this.master = master;
    }

    /** Starts subscribing in the background; {@code onClosed} is told about failures to connect too. */
    static MasterConnection open(HttpClient http, URI master, AgentCall subscribe, Duration timeout,
            Executor connector, Consumer<AgentEvent> onEvent, Consumer<Optional<Throwable>> onClosed) {
        MasterConnection connection = new MasterConnection(master);
        connector.execute(() -> {
            try {
                EventStream<AgentEvent> opened = EventStream.subscribe(http, master.resolve(PATH), subscribe,
                        AgentEvent::parseFrom, new EventStream.Listener<>() {
                            @Override
                            public void onEvent(AgentEvent event) {
                                onEvent.accept(event);
                            }

                            @Override
                            public void onClosed(Optional<Throwable> cause) {
                                onClosed.accept(cause);
                            }
                        }, timeout);
                if (!connection.stream.complete(opened)) {
                    opened.close(); // closed while we were subscribing
                }
            } catch (IOException | RuntimeException e) {
                connection.stream.completeExceptionally(e);
                onClosed.accept(Optional.of(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                connection.stream.completeExceptionally(e);
                onClosed.accept(Optional.of(e));
            }
        });
        return connection;
    }

    /** Sends a call once subscribed; failures are logged (updates are retried anyway). */
    void send(AgentCall call) {
        stream.thenCompose(s -> s == null
                ? CompletableFuture.failedFuture(new IOException("connection closed")) : s.call(call)).whenComplete((response, error) -> {
            if (error != null) {
                LOG.debug("{} call to {} failed", call.getType(), master, error);
            } else if (response.statusCode() != 202) {
                LOG.warn("{} call to {} answered {}: {}", call.getType(), master, response.statusCode(),
                        response.body());
            }
        });
    }

    /** Where the subscription went (after redirects), if it succeeded. */
    Optional<URI> endpoint() {
        if (!stream.isDone() || stream.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.ofNullable(stream.join()).map(EventStream::endpoint);
    }

    /** Whether the master answered that it is not (or knows no) leader. */
    static boolean isNoLeader(Throwable cause) {
        return cause instanceof ApiException api && api.status() == 503;
    }

    @Override
    public void close() {
        if (!stream.complete(null)) {
            EventStream<AgentEvent> opened = stream.isCompletedExceptionally() ? null : stream.join();
            if (opened != null) {
                opened.close();
            }
        }
    }
}
