package io.mezzo.bench.http;

import io.mezzo.api.codec.RecordIODecoder;
import io.mezzo.api.codec.RecordIOException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A subscription to a Mesos-style event stream on its own connection: the SUBSCRIBE POST is
 * answered {@code 200} with a {@code Mesos-Stream-Id} and an endless RecordIO body. The records
 * that one read brings are handed to the listener together, so it can answer them with one call.
 */
public final class RecordStream implements HttpConnection.StreamHandler {

    /** Receives the stream's records and its end, on the reactor thread. */
    public interface Listener {
        void onRecords(List<byte[]> records);

        /** Once, when the stream ends: {@code cause} is null if {@link #close} ended it. */
        void onClosed(IOException cause);
    }

    /** The server refused the subscription with {@code status}. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(int status, String body) {
            super("HTTP " + status + (body.isBlank() ? "" : ": " + body.strip()));
        }
    }

    private final Listener listener;
    private final RecordIODecoder decoder = new RecordIODecoder();
    private final CompletableFuture<String> opened = new CompletableFuture<>();
    private List<byte[]> batch = new ArrayList<>();
    private HttpConnection connection;
    private volatile boolean closedByUs;
    private boolean ended;

    private RecordStream(Listener listener) {
        this.listener = listener;
    }

    /**
     * Opens a connection and subscribes; the future yields the stream id once the {@code 200}
     * arrived, or fails ({@link Refused} for any other answer).
     */
    public static CompletableFuture<RecordStream> subscribe(HttpReactor reactor, InetSocketAddress address, String path,
            byte[] subscribe, Listener listener) {
        RecordStream stream = new RecordStream(listener);
        try {
            stream.connection = reactor.connect(address);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        stream.connection.post(RequestHead.post(address, path, null), subscribe, stream);
        return stream.opened.thenApply(id -> stream);
    }

    public String streamId() {
        return opened.join();
    }

    public void close() {
        closedByUs = true;
        connection.close();
    }

    @Override
    public void onOpen(Map<String, String> headers) {
        opened.complete(headers.getOrDefault("mesos-stream-id", ""));
    }

    @Override
    public void onData(byte[] bytes, int offset, int length) {
        try {
            decoder.feed(bytes, offset, length, batch::add);
        } catch (RecordIOException e) {
            throw new IllegalStateException("malformed event stream: " + e.getMessage(), e);
        }
    }

    @Override
    public void onDataEnd() {
        if (!batch.isEmpty()) {
            List<byte[]> records = batch;
            batch = new ArrayList<>();
            listener.onRecords(records);
        }
    }

    @Override
    public void onResponse(int status, Map<String, String> headers, byte[] body) {
        if (opened.completeExceptionally(new Refused(status, new String(body, StandardCharsets.UTF_8)))) {
            connection.close();
            return;
        }
        end(new IOException("event stream ended"));
        connection.close();
    }

    @Override
    public void onFailure(IOException cause) {
        if (!opened.completeExceptionally(cause)) {
            end(closedByUs ? null : cause);
        }
    }

    private void end(IOException cause) {
        if (!ended) {
            ended = true;
            listener.onClosed(cause);
        }
    }
}
