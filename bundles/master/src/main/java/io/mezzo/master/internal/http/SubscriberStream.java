package io.mezzo.master.internal.http;

import com.google.protobuf.Message;
import io.mezzo.api.codec.ContentType;
import io.mezzo.api.codec.RecordIO;
import io.mezzo.master.internal.core.EventStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's RecordIO event stream on an async servlet response. {@link #send} encodes and
 * queues (bounded) and returns at once; records are written only while the container says the
 * socket is ready, each followed by a flush so every record goes out as it is produced. A
 * subscriber whose queue overflows is disconnected, so a slow or dead client never holds up the
 * master's event loop nor pins a container thread.
 *
 * <p>Known limit: a subscriber that closes its connection is noticed only at the next write to it
 * (for frameworks at the latest the next HEARTBEAT, {@code heartbeat.interval}, default 15 s; for
 * agents the next PING). As we read Jetty 9.4, it does not watch a connection for reads while its
 * request is being handled and the body has been consumed, so a {@code ReadListener} set after the
 * body would get {@code onAllDataRead} at once and nothing on a later close, and
 * {@code AsyncListener.onError} fires only on a failed write or a timeout (not yet confirmed with a
 * real client). Lower {@code heartbeat.interval} (live) to notice sooner.
 */
final class SubscriberStream<E extends Message> implements EventStream<E>, WriteListener, AsyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberStream.class);

    private final String id;
    private final ContentType encoding;
    private final AsyncContext context;
    private final ServletOutputStream out;
    private final int queueLimit;
    private final Consumer<SubscriberStream<E>> onClosed;
    // guarded by this: the loop thread sends, container threads call back
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean flushPending;
    private boolean closing;
    private boolean done;

    SubscriberStream(String id, ContentType encoding, AsyncContext context, ServletOutputStream out, int queueLimit,
            Consumer<SubscriberStream<E>> onClosed) {
        this.id = id;
        this.encoding = encoding;
        this.context = context;
        this.out = out;
        this.queueLimit = queueLimit;
        this.onClosed = onClosed;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean send(E event) {
        byte[] record = RecordIO.frame(encoding.encode(event));
        synchronized (this) {
            if (closing || done) {
                return false;
            }
            if (queue.size() >= queueLimit) {
                LOG.warn("Subscriber stream {} fell {} events behind; disconnecting it", id, queueLimit);
                finish();
                return false;
            }
            queue.add(record);
            drain();
            return true;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!closing && !done) {
                closing = true;
                drain();
            }
        }
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            drain();
        }
    }

    /** Writes queued records while the socket takes them; completes the response once closing and empty. */
    private void drain() {
        try {
            while (!done && out.isReady()) {
                if (flushPending) {
                    flushPending = false;
                    out.flush();
                    continue;
                }
                byte[] next = queue.poll();
                if (next == null) {
                    if (closing) {
                        finish();
                    }
                    return;
                }
                out.write(next);
                flushPending = true;
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Subscriber stream {} failed: {}", id, e.toString());
            finish();
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        queue.clear();
        try {
            context.complete();
        } catch (IllegalStateException e) {
            LOG.debug("Subscriber stream {} already completed: {}", id, e.toString());
        }
        onClosed.accept(this);
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("Subscriber stream {} broke: {}", id, t.toString());
        synchronized (this) {
            finish();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            if (!done) {
                done = true;
                onClosed.accept(this);
            }
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        onError(new IOException("async timeout"));
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do: the stream is registered once, when the subscription starts
    }
}
