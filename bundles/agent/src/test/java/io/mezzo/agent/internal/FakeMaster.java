package io.mezzo.agent.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mezzo.api.agent.AgentProtos.AgentCall;
import io.mezzo.api.agent.AgentProtos.AgentEvent;
import io.mezzo.api.codec.RecordIO;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The master's side of the agent protocol, for tests: answers SUBSCRIBE on /api/v1/agent with a
 * RecordIO stream the test writes events into, and records every later call (answered 202).
 * Optionally a standby: answers 307 to another master.
 */
final class FakeMaster implements AutoCloseable {
    static final String STREAM_ID = "stream-1";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AgentCall> subscribes = new CopyOnWriteArrayList<>();
    private final List<AgentCall> calls = new CopyOnWriteArrayList<>();
    private final List<String> streamIds = new CopyOnWriteArrayList<>();
    private volatile HttpExchange stream;

    private FakeMaster(URI redirectTo) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/agent", exchange -> {
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location", "//" + redirectTo.getAuthority() + "/api/v1/agent");
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
                return;
            }
            AgentCall call = AgentCall.parseFrom(exchange.getRequestBody().readAllBytes());
            String streamId = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
            if (call.getType() == AgentCall.Type.SUBSCRIBE) {
                subscribes.add(call);
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.getResponseHeaders().add("Mesos-Stream-Id", STREAM_ID);
                exchange.sendResponseHeaders(200, 0); // chunked, kept open for events
                exchange.getResponseBody().flush();
                stream = exchange;
            } else {
                streamIds.add(String.valueOf(streamId));
                calls.add(call);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
        });
        server.start();
    }

    static FakeMaster leader() throws IOException {
        return new FakeMaster(null);
    }

    static FakeMaster standbyFor(FakeMaster leader) throws IOException {
        return new FakeMaster(leader.uri());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Writes one event to the current subscription, as one RecordIO record. */
    synchronized void send(AgentEvent event) throws IOException {
        OutputStream out = stream.getResponseBody();
        RecordIO.write(out, event);
        out.flush();
    }

    /** Breaks the current subscription, as a master crash would. */
    synchronized void dropStream() {
        HttpExchange current = stream;
        if (current != null) {
            current.close();
            stream = null;
        }
    }

    boolean hasStream() {
        return stream != null;
    }

    List<AgentCall> subscribes() {
        return subscribes;
    }

    List<AgentCall> calls() {
        return calls;
    }

    List<AgentCall> calls(AgentCall.Type type) {
        return calls.stream().filter(c -> c.getType() == type).toList();
    }

    /** Every status update received, in the order of the calls that carried them. */
    List<AgentCall.Update> updates() {
        return calls(AgentCall.Type.UPDATE).stream().flatMap(FakeMaster::updatesOf).toList();
    }

    static java.util.stream.Stream<AgentCall.Update> updatesOf(AgentCall call) {
        return java.util.stream.Stream.concat(call.hasUpdate() ? java.util.stream.Stream.of(call.getUpdate())
                : java.util.stream.Stream.empty(), call.getUpdatesList().stream());
    }

    List<String> streamIds() {
        return streamIds;
    }

    @Override
    public void close() {
        dropStream();
        server.stop(0);
        threads.shutdownNow();
    }
}
