package io.mezzo.itests;

import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.client.EventStream;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.AgentInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second agent for a container that runs one: it subscribes through the real agent protocol
 * ({@code /api/v1/agent}) and answers pings, so the master offers its resources like any agent's.
 * It runs nothing: the tests that use it never launch tasks on it.
 */
final class IdleAgent implements AutoCloseable {
    private final EventStream<AgentEvent> stream;
    private final CompletableFuture<AgentID> id;

    private IdleAgent(EventStream<AgentEvent> stream, CompletableFuture<AgentID> id) {
        this.stream = stream;
        this.id = id;
    }

    static IdleAgent subscribe(URI master, String hostname, String resources) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        CompletableFuture<AgentID> id = new CompletableFuture<>();
        EventStream<AgentEvent>[] self = new EventStream[1];
        AgentCall subscribe = AgentCall.newBuilder().setType(AgentCall.Type.SUBSCRIBE)
                .setSubscribe(AgentCall.Subscribe.newBuilder().setVersion("itest-idle")
                        .setAgentInfo(AgentInfo.newBuilder().setHostname(hostname)
                                .addAllResources(Resources.parse(resources).toProtos())))
                .build();
        self[0] = EventStream.subscribe(http, master.resolve("/api/v1/agent"), subscribe, AgentEvent::parseFrom,
                new EventStream.Listener<>() {
                    @Override
                    public void onEvent(AgentEvent event) {
                        if (event.getType() == AgentEvent.Type.SUBSCRIBED) {
                            id.complete(event.getSubscribed().getAgentId());
                        } else if (event.getType() == AgentEvent.Type.PING) {
                            self[0].call(AgentCall.newBuilder().setType(AgentCall.Type.PONG).setAgentId(id.join())
                                    .setPong(AgentCall.Pong.newBuilder().setSequence(event.getPing().getSequence()))
                                    .build());
                        }
                    }

                    @Override
                    public void onClosed(Optional<Throwable> cause) {
                        id.completeExceptionally(cause.orElseGet(() -> new IllegalStateException("closed")));
                    }
                }, Duration.ofSeconds(10));
        IdleAgent agent = new IdleAgent(self[0], id);
        agent.id.get(30, TimeUnit.SECONDS);
        return agent;
    }

    String id() {
        return id.join().getValue();
    }

    @Override
    public void close() {
        stream.close();
    }
}
