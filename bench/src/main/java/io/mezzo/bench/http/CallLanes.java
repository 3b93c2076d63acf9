package io.mezzo.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * A few keep-alive connections to one server that calls are spread over, each pipelining up to
 * {@code depth} requests; calls beyond that wait here in arrival order. This is how a
 * high-throughput client talks to one HTTP/1.1 server: a bounded number of connections, no
 * round trip wasted between requests, and back-pressure instead of a connection per call.
 * A broken connection is replaced at the next call. Bookkeeping happens on the reactor thread.
 */
public final class CallLanes {
    private final HttpReactor reactor;
    private final InetSocketAddress address;
    private final int depth;
    private final HttpConnection[] lanes; // reactor thread only
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // reactor thread only
    private volatile int backlog;

    private record Waiting(RequestHead head, byte[] body, HttpConnection.Handler handler) {
    }

    public CallLanes(HttpReactor reactor, InetSocketAddress address, int lanes, int depth) {
        if (lanes < 1 || depth < 1) {
            throw new IllegalArgumentException("need at least one lane of depth one: " + lanes + " x " + depth);
        }
        this.reactor = reactor;
        this.address = address;
        this.depth = depth;
        this.lanes = new HttpConnection[lanes];
    }

    /** Sends a POST from any thread; {@code handler} runs on the reactor thread. */
    public void post(RequestHead head, byte[] body, HttpConnection.Handler handler) {
        reactor.execute(() -> submit(new Waiting(head, body, handler)));
    }

    /** Calls waiting for room on a connection right now. */
    public int backlog() {
        return backlog;
    }

    private void submit(Waiting call) {
        if (!waiting.isEmpty()) {
            waiting.addLast(call); // keep arrival order behind those already waiting
            backlog = waiting.size();
            return;
        }
        place(call);
    }

    /** Puts the call on the least busy lane, or first in line if every lane is full. */
    private void place(Waiting call) {
        HttpConnection lane;
        try {
            lane = leastBusy();
        } catch (IOException e) {
            // the server is unreachable: this call and every waiting one fail now rather than hang
            call.handler().onFailure(e);
            for (Waiting w; (w = waiting.pollFirst()) != null;) {
                w.handler().onFailure(e);
            }
            backlog = 0;
            return;
        }
        if (lane == null) {
            waiting.addFirst(call);
            backlog = waiting.size();
        } else {
            lane.enqueue(call.head(), call.body(), new Done(call.handler()));
        }
    }

    /** The open lane with the fewest requests in flight below the depth, opening lanes as needed. */
    private HttpConnection leastBusy() throws IOException {
        HttpConnection best = null;
        for (int i = 0; i < lanes.length; i++) {
            if (lanes[i] == null || !lanes[i].isOpen()) {
                lanes[i] = reactor.connect(address);
            }
            if (lanes[i].inFlight() < depth && (best == null || lanes[i].inFlight() < best.inFlight())) {
                best = lanes[i];
            }
        }
        return best;
    }

    /** Once a call is answered its slot is free: the oldest waiting call takes it. */
    private void next() {
        Waiting call = waiting.pollFirst();
        backlog = waiting.size();
        if (call != null) {
            place(call);
        }
    }

    private final class Done implements HttpConnection.Handler {
        private final HttpConnection.Handler handler;

        Done(HttpConnection.Handler handler) {
            this.handler = handler;
        }

        @Override
        public void onResponse(int status, Map<String, String> headers, byte[] body) {
            try {
                handler.onResponse(status, headers, body);
            } finally {
                next();
            }
        }

        @Override
        public void onFailure(IOException cause) {
            try {
                handler.onFailure(cause);
            } finally {
                next();
            }
        }
    }
}
