package io.mezzo.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection of an {@link HttpReactor}. Requests are pipelined: each is
 * written as soon as the reactor's round ends, without waiting for earlier answers, and answers
 * are matched to requests in order (HTTP/1.1 servers answer pipelined requests in order). A
 * connection that carries an event stream carries nothing else after it.
 *
 * <p>Everything but {@link #post} and {@link #close} runs on the reactor thread.
 */
public final class HttpConnection {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** What becomes of a request. Called on the reactor thread; must not block. */
    public interface Handler {
        /** The whole answer (for a stream: a refusal, or the end of a stream the server closed cleanly). */
        void onResponse(int status, Map<String, String> headers, byte[] body);

        /** No answer: the connection broke or the answer was overdue. */
        void onFailure(IOException cause);
    }

    /** A request whose {@code 200} answer is an endless body, handed over as it arrives. */
    public interface StreamHandler extends Handler {
        void onOpen(Map<String, String> headers);

        void onData(byte[] bytes, int offset, int length);

        /** Every byte of one read has been handed over: a good moment to act on what it held. */
        void onDataEnd();
    }

    private record Pending(Handler handler, long sentAtNanos) {
    }

    private final HttpReactor reactor;
    private final SocketChannel channel;
    private final InetSocketAddress address;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final ResponseParser parser = new ResponseParser(new Sink());
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private SelectionKey key;
    private StreamHandler openStream;
    private boolean streamData;
    private volatile boolean closed;

    HttpConnection(HttpReactor reactor, SocketChannel channel, InetSocketAddress address) {
        this.reactor = reactor;
        this.channel = channel;
        this.address = address;
    }

    void register(Selector selector) throws IOException {
        key = channel.register(selector, SelectionKey.OP_READ, this);
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Requests sent and not yet answered (an open stream counts). Reactor thread only. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Sends a POST; from any thread. {@code head} is the request line and headers up to, not
     * including, Content-Length (see {@link RequestHead}).
     */
    public void post(RequestHead head, byte[] body, Handler handler) {
        reactor.execute(() -> enqueue(head, body, handler));
    }

    /** Queues a request; it is written at the end of the reactor's round. Reactor thread only. */
    void enqueue(RequestHead head, byte[] body, Handler handler) {
        if (closed || openStream != null) {
            handler.onFailure(new IOException(closed ? "connection closed" : "connection carries a stream"));
            return;
        }
        byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.ISO_8859_1);
        ensureRoom(head.bytes().length + CONTENT_LENGTH.length + length.length + END_OF_HEAD.length + body.length);
        out.put(head.bytes()).put(CONTENT_LENGTH).put(length).put(END_OF_HEAD).put(body);
        inFlight.addLast(new Pending(handler, System.nanoTime()));
        reactor.markDirty(this);
    }

    private void ensureRoom(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    /** Writes what the socket takes; the rest waits for it to become writable. */
    void flush() {
        if (closed) {
            return;
        }
        try {
            out.flip();
            channel.write(out);
            out.compact();
            int ops = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    void onWritable() {
        flush();
    }

    void onReadable(ByteBuffer buffer) {
        try {
            while (!closed) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    fail(new IOException(parser.isIdle() && inFlight.isEmpty() ? "connection closed by the server"
                            : "connection closed by the server before the answer"));
                    return;
                }
                if (n == 0) {
                    return;
                }
                streamData = false;
                parser.feed(buffer.array(), 0, n);
                if (streamData && openStream != null) {
                    openStream.onDataEnd();
                }
                if (n < buffer.capacity()) {
                    return; // drained: no need for another read that would return 0
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException("a handler failed: " + e, e));
        }
    }

    /** Fails the connection if its oldest unanswered request (not an open stream) is older than the timeout. */
    void failIfOverdue(long now, long timeoutNanos) {
        Pending oldest = inFlight.peekFirst();
        if (oldest != null && openStream == null && now - oldest.sentAtNanos() > timeoutNanos) {
            fail(new IOException("no answer within " + timeoutNanos / 1_000_000 + " ms"));
        }
    }

    /** Closes the connection; every unanswered request fails with {@code cause}. Reactor thread only. */
    void fail(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // already broken
        }
        reactor.forget(this);
        openStream = null;
        for (Pending p; (p = inFlight.pollFirst()) != null;) {
            p.handler().onFailure(cause);
        }
    }

    /** Closes the connection from any thread; a stream on it ends with an "closed" failure. */
    public void close() {
        reactor.execute(() -> fail(new IOException("closed by the client")));
    }

    /** Routes parsed answers to the requests they belong to, in order. */
    private final class Sink implements ResponseParser.Sink {
        @Override
        public boolean onHead(int status, Map<String, String> headers) {
            Pending p = inFlight.peekFirst();
            if (p != null && status == 200 && p.handler() instanceof StreamHandler stream) {
                openStream = stream;
                stream.onOpen(headers);
                return true;
            }
            return false;
        }

        @Override
        public void onBody(byte[] bytes, int offset, int length) {
            streamData = true;
            openStream.onData(bytes, offset, length);
        }

        @Override
        public void onComplete(int status, Map<String, String> headers, byte[] body) {
            Pending p = inFlight.pollFirst();
            openStream = null;
            if (p != null) {
                p.handler().onResponse(status, headers, body);
            }
        }
    }
}
