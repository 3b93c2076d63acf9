package io.mezzo.bench.sim;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Sends HTTP calls with at most {@code limit} in flight, the rest waiting in arrival order.
 *
 * <p>Why: the JDK HttpClient opens a new connection for every concurrent HTTP/1.1 request it
 * cannot serve from its pool. Thousands of agents each firing updates the moment a batch of tasks
 * finishes made the client open tens of thousands of connections, and the master's Jetty (and the
 * kernel) spent the run accepting and timing them out. A real agent or scheduler holds a few
 * connections; so does a pipe.
 */
public final class CallPipe {
    private final int limit;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight; // guarded by this

    private record Pending(Supplier<CompletableFuture<HttpResponse<String>>> call,
            BiConsumer<HttpResponse<String>, Throwable> done) {
    }

    public CallPipe(int limit) {
        this.limit = limit;
    }

    /** Starts {@code call} now or once a slot frees; {@code done} gets its response or failure. */
    public void send(Supplier<CompletableFuture<HttpResponse<String>>> call,
            BiConsumer<HttpResponse<String>, Throwable> done) {
        Pending p = new Pending(call, done);
        synchronized (this) {
            if (inFlight >= limit) {
                waiting.addLast(p);
                return;
            }
            inFlight++;
        }
        start(p);
    }

    private void start(Pending p) {
        CompletableFuture<HttpResponse<String>> f;
        try {
            f = p.call().get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((response, error) -> {
            try {
                p.done().accept(response, error);
            } finally {
                Pending next;
                synchronized (this) {
                    next = waiting.pollFirst();
                    if (next == null) {
                        inFlight--;
                    }
                }
                if (next != null) {
                    start(next);
                }
            }
        });
    }

    /** Calls waiting for a slot (for the report). */
    public synchronized int backlog() {
        return waiting.size();
    }
}
