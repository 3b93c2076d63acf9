package io.mezzo.master.internal.http;

import com.google.protobuf.Message;
import io.mezzo.api.codec.ContentType;
import io.mezzo.api.codec.RecordIO;
import io.mezzo.master.internal.core.EventStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's RecordIO event stream on an async servlet response. {@link #send} queues the
 * event (bounded) and returns at once; the queue is written out when the master's event loop has
 * run its current batch of commands ({@code writes}), and again whenever the container says the
 * socket can take more. Encoding happens then too, off the loop's critical path. A subscriber
 * whose queue overflows is disconnected, so a slow or dead client never holds up the master's
 * event loop nor pins a container thread.
 *
 * <p>Framing: with {@code recordPerChunk} (the scheduler API) every record is written and flushed
 * on its own, so each is one HTTP chunk, as Mesos does and as some scheduler clients assume.
 * Without it (Mezzo's agent API, whose clients treat chunk boundaries as meaningless, as the
 * RecordIO format says they must) everything queued goes out in one write and one flush: the ten
 * ACKNOWLEDGEs and RUN_TASKs one loop batch produced for an agent cost one chunk and one syscall.
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
    /** Most bytes one coalesced write gathers; more waits for the next round. */
    private static final int MAX_WRITE_BYTES = 64 * 1024;

    private final String id;
    private final ContentType encoding;
    private final AsyncContext context;
    private final ServletOutputStream out;
    private final int queueLimit;
    private final boolean recordPerChunk;
    private final Executor writes;
    private final Consumer<SubscriberStream<E>> onClosed;
    // guarded by this: the loop thread sends, container threads call back
    private final ArrayDeque<E> queue = new ArrayDeque<>();
    private boolean writeScheduled;
    private boolean flushPending;
    private boolean closing;
    private boolean done;

    SubscriberStream(String id, ContentType encoding, AsyncContext context, ServletOutputStream out, int queueLimit,
            boolean recordPerChunk, Executor writes, Consumer<SubscriberStream<E>> onClosed) {
        this.id = id;
        this.encoding = encoding;
        this.context = context;
        this.out = out;
        this.queueLimit = queueLimit;
        this.recordPerChunk = recordPerChunk;
        this.writes = writes;
        this.onClosed = onClosed;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean send(E event) {
        synchronized (this) {
            if (closing || done) {
                return false;
            }
            if (queue.size() >= queueLimit) {
                LOG.warn("Subscriber stream {} fell {} events behind; disconnecting it", id, queueLimit);
                finish();
                return false;
            }
            queue.add(event);
            if (writeScheduled) {
                return true;
            }
            writeScheduled = true;
        }
        writes.execute(this::writeOut);
        return true;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing || done) {
                return;
            }
            closing = true;
            if (writeScheduled) {
                return; // the scheduled write drains the queue, then completes the response
            }
            writeScheduled = true;
        }
        writes.execute(this::writeOut);
    }

    private synchronized void writeOut() {
        writeScheduled = false;
        drain();
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
                if (queue.isEmpty()) {
                    if (closing) {
                        finish();
                    }
                    return;
                }
                out.write(recordPerChunk ? RecordIO.frame(encoding.encode(queue.poll())) : coalesce());
                flushPending = true;
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Subscriber stream {} failed: {}", id, e.toString());
            finish();
        }
    }

    /** The queued records framed back to back, up to about {@link #MAX_WRITE_BYTES}. */
    private byte[] coalesce() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(MAX_WRITE_BYTES, 256 * queue.size()));
        while (!queue.isEmpty() && bytes.size() < MAX_WRITE_BYTES) {
            RecordIO.write(bytes, encoding.encode(queue.poll()));
        }
        return bytes.toByteArray();
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
