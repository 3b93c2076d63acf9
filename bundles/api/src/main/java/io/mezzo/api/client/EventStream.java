package io.mezzo.api.client;

import com.google.protobuf.MessageLite;
import io.mezzo.api.codec.RecordIODecoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription to a Mesos-style event stream: POST a subscribe call, get {@code 200} with a
 * {@code Mesos-Stream-Id} header and an endless RecordIO body of events; every later call is a
 * separate POST carrying that header ({@link #call}).
 *
 * <p>The body is decoded incrementally as bytes arrive, on the HTTP client's executor threads, and
 * each event is handed to the {@link Listener} in stream order (never concurrently). A {@code 307}
 * answer (a standby master) is followed to its {@code Location}, which may be protocol-relative
 * ({@code //host:port/path}); later calls go to where the subscription ended up. Protobuf only.
 *
 * @param <E> the event message type
 */
public final class EventStream<E> implements AutoCloseable {
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final URI endpoint;
    private final String streamId;
    private final Duration timeout;
    private final RecordSubscriber<E> body;

    /** Receives a stream's events and its end. */
    public interface Listener<E> {
        void onEvent(E event);

        /** Called once when the stream ends: empty if closed by {@link #close}, else why it broke. */
        void onClosed(Optional<Throwable> cause);
    }

    /** Parses one record into an event (e.g. {@code Event::parseFrom}). */
    @FunctionalInterface
    public interface Parser<E> {
        E parse(byte[] record) throws IOException;
    }

    private EventStream(HttpClient http, URI endpoint, String streamId, Duration timeout, RecordSubscriber<E> body) {
        this.http = http;
        this.endpoint = endpoint;
        this.streamId = streamId;
        this.timeout = timeout;
        this.body = body;
    }

    /**
     * Subscribes and returns once the response headers arrived; events then flow to
     * {@code listener}. {@code timeout} bounds the wait for the headers and each later call.
     *
     * @throws ApiException for any answer other than 200 (after following redirects)
     */
    public static <E> EventStream<E> subscribe(HttpClient http, URI endpoint, MessageLite subscribe,
            Parser<E> parser, Listener<E> listener, Duration timeout) throws IOException, InterruptedException {
        URI target = endpoint;
        for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
            RecordSubscriber<E> subscriber = new RecordSubscriber<>(parser, listener);
            HttpResponse<String> response = http.send(post(target, subscribe.toByteArray(), timeout)
                    .header("Accept", PROTOBUF).build(), info -> info.statusCode() == 200
                            ? subscriber.asBodySubscriber()
                            : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                String streamId = response.headers().firstValue(STREAM_ID_HEADER).orElse("");
                return new EventStream<>(http, target, streamId, timeout, subscriber);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() != 307 || location.isEmpty()) {
                throw new ApiException(response.statusCode(), Objects.requireNonNullElse(response.body(), ""));
            }
            target = redirect(target, location.get());
        }
        throw new ApiException(307, "more than " + MAX_REDIRECTS + " redirects from " + endpoint);
    }

    /** Where {@code location} points, seen from {@code from}; {@code //host:port/path} keeps the scheme. */
    static URI redirect(URI from, String location) {
        return from.resolve(URI.create(location));
    }

    /** Sends a call on this stream (separate connection, with the stream id) and yields the status. */
    public CompletableFuture<HttpResponse<String>> call(MessageLite call) {
        HttpRequest request = post(endpoint, call.toByteArray(), timeout).header(STREAM_ID_HEADER, streamId).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The endpoint the subscription was made at, after redirects. */
    public URI endpoint() {
        return endpoint;
    }

    public String streamId() {
        return streamId;
    }

    public boolean isOpen() {
        return !body.closed.get();
    }

    /** Ends the subscription: drops the connection; the listener's onClosed gets an empty cause. */
    @Override
    public void close() {
        body.cancel();
    }

    private static HttpRequest.Builder post(URI target, byte[] bytes, Duration timeout) {
        return HttpRequest.newBuilder(target).timeout(timeout)
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** Feeds the response body through the incremental RecordIO decoder, one chunk at a time. */
    private static final class RecordSubscriber<E> implements Flow.Subscriber<List<ByteBuffer>> {
        private final Parser<E> parser;
        private final Listener<E> listener;
        private final RecordIODecoder decoder = new RecordIODecoder();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Flow.Subscription subscription;

        RecordSubscriber(Parser<E> parser, Listener<E> listener) {
            this.parser = parser;
            this.listener = listener;
        }

        HttpResponse.BodySubscriber<String> asBodySubscriber() {
            // the body never "completes" for the caller: events go to the listener instead
            return new HttpResponse.BodySubscriber<>() {
                @Override
                public CompletionStage<String> getBody() {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    RecordSubscriber.this.onSubscribe(s);
                }

                @Override
                public void onNext(List<ByteBuffer> item) {
                    RecordSubscriber.this.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    RecordSubscriber.this.onError(throwable);
                }

                @Override
                public void onComplete() {
                    RecordSubscriber.this.onComplete();
                }
            };
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed.get()) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    for (byte[] record : decoder.feed(buffer)) {
                        if (closed.get()) {
                            return;
                        }
                        listener.onEvent(parser.parse(record));
                    }
                }
                subscription.request(1);
            } catch (IOException | RuntimeException e) {
                subscription.cancel();
                finish(Optional.of(e));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            finish(Optional.of(throwable));
        }

        @Override
        public void onComplete() {
            finish(Optional.of(new IOException("event stream ended")));
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            finish(Optional.empty());
        }

        private void finish(Optional<Throwable> cause) {
            if (closed.compareAndSet(false, true)) {
                listener.onClosed(cause);
            }
        }
    }
}
