package io.mezzo.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread that serves many HTTP/1.1 client connections over a selector: it reads and parses
 * responses, runs the callbacks (so they must be quick and never block), and writes requests.
 * Requests queued during one round of the selector go out together, one write per connection,
 * which is what makes pipelining cheap. Work from other threads is handed over with
 * {@link #execute}; everything about a connection happens on this thread.
 *
 * <p>The benchmark harness's replacement for the JDK HttpClient, which cost more CPU per call than
 * the master spent answering it: this client does no per-request thread hops, no reactive-streams
 * plumbing, and keeps a handful of connections instead of one per concurrent call.
 */
public final class HttpReactor implements AutoCloseable {
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Set<HttpConnection> dirty = new LinkedHashSet<>(); // reactor thread only
    private final List<HttpConnection> connections = new ArrayList<>(); // reactor thread only
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private final long timeoutNanos;
    private volatile boolean running = true;

    /** @param timeout how long a request may wait for its response before its connection is failed */
    public HttpReactor(String name, Duration timeout) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} on the reactor thread: now if called there, else at its next round. */
    public void execute(Runnable work) {
        if (Thread.currentThread() == thread) {
            work.run();
            return;
        }
        tasks.add(work);
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    public boolean inReactorThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Opens a connection (the TCP connect blocks the caller briefly; on loopback it is immediate)
     * and registers it with this reactor.
     */
    public HttpConnection connect(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        HttpConnection connection = new HttpConnection(this, channel, address);
        if (inReactorThread()) {
            connection.register(selector);
            connections.add(connection);
            return connection;
        }
        CompletableFuture<Void> registered = new CompletableFuture<>();
        execute(() -> {
            try {
                connection.register(selector);
                connections.add(connection);
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.join();
        } catch (java.util.concurrent.CompletionException e) {
            channel.close();
            throw new IOException("could not register a connection", e.getCause());
        }
        return connection;
    }

    /** A connection has bytes to write: they go out at the end of this round. Reactor thread only. */
    void markDirty(HttpConnection connection) {
        dirty.add(connection);
    }

    void forget(HttpConnection connection) {
        connections.remove(connection);
        dirty.remove(connection);
    }

    private void run() {
        long nextSweep = System.nanoTime() + 1_000_000_000L;
        try {
            while (running) {
                selector.select(500);
                wakeupPending.set(false);
                for (Runnable task; (task = tasks.poll()) != null;) {
                    runSafely(task);
                }
                Set<SelectionKey> ready = selector.selectedKeys();
                for (SelectionKey key : ready) {
                    HttpConnection connection = (HttpConnection) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isWritable()) {
                        connection.onWritable();
                    }
                    if (key.isValid() && key.isReadable()) {
                        connection.onReadable(readBuffer);
                    }
                }
                ready.clear();
                flushDirty();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + 1_000_000_000L;
                    for (HttpConnection c : List.copyOf(connections)) {
                        c.failIfOverdue(now, timeoutNanos);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        } finally {
            for (HttpConnection c : List.copyOf(connections)) {
                c.fail(new IOException("client closed"));
            }
        }
    }

    private void flushDirty() {
        while (!dirty.isEmpty()) {
            List<HttpConnection> batch = List.copyOf(dirty);
            dirty.clear();
            for (HttpConnection c : batch) {
                c.flush();
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a callback's bug must not stop every connection of this reactor
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
