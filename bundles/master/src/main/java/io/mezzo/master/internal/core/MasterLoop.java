package io.mezzo.master.internal.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's single writer: one thread owns the {@link Master} (present only while this
 * process leads) and runs every command and tick on it. Other threads submit work and get
 * futures; they never touch the state.
 *
 * <p>Commands are taken in batches: the thread runs whatever has queued up (up to
 * {@value #MAX_BATCH} at a time), then the {@linkplain #batchEnd() end-of-batch} work — event
 * streams write out what the batch produced, one write per stream rather than one per event —
 * and only parks when nothing is left. A submitter wakes the thread only if it is parked, so under
 * load handing over a command costs one queue insertion. Ticks run every {@code tick}, between
 * batches, however busy the loop is.
 */
public final class MasterLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);
    static final int MAX_BATCH = 256;

    private final Supplier<Master> factory;
    private final long tickNanos;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Runnable> atBatchEnd = new ArrayList<>(); // loop thread only
    private final Executor batchEnd = this::atBatchEnd;
    private volatile boolean parked;
    private volatile boolean stopping;
    private Master master; // loop thread only

    public MasterLoop(Supplier<Master> factory, Duration tick) {
        this.factory = factory;
        this.tickNanos = tick.toNanos();
        this.thread = new Thread(this::run, "mezzo-master-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        while (!stopping) {
            int ran = 0;
            for (Runnable command; ran < MAX_BATCH && (command = commands.poll()) != null; ran++) {
                command.run();
            }
            endBatch();
            long now = System.nanoTime();
            if (now - nextTick >= 0) {
                tick();
                endBatch();
                nextTick = System.nanoTime() + tickNanos;
            } else if (ran == 0) {
                parked = true;
                if (commands.isEmpty() && !stopping) {
                    LockSupport.parkNanos(this, nextTick - now);
                }
                parked = false;
            }
        }
        // as an executor's shutdown: commands already accepted still run, so no caller waits forever
        for (Runnable command; (command = commands.poll()) != null;) {
            command.run();
        }
        endBatch();
    }

    private void tick() {
        try {
            if (master != null) {
                master.tick();
            }
        } catch (RuntimeException e) {
            LOG.error("Master tick failed", e);
        }
    }

    private void endBatch() {
        // work registered while ending the batch (a stream closing on a failed write) runs too
        for (int i = 0; i < atBatchEnd.size(); i++) {
            try {
                atBatchEnd.get(i).run();
            } catch (RuntimeException e) {
                LOG.error("End-of-batch work failed", e);
            }
        }
        atBatchEnd.clear();
    }

    /** Runs {@code work} once the loop has run its current batch of commands; at once off the loop thread. */
    private void atBatchEnd(Runnable work) {
        if (Thread.currentThread() == thread) {
            atBatchEnd.add(work);
        } else {
            work.run();
        }
    }

    /**
     * Where event streams defer their writes to: work handed to it on the loop thread runs after
     * the loop's current batch of commands, so what one batch sends to a stream goes out together.
     */
    public Executor batchEnd() {
        return batchEnd;
    }

    /** This process became the leader: start from an empty state (agents and frameworks re-subscribe). */
    public void elected() {
        execute(() -> {
            if (master == null) {
                master = factory.get();
                LOG.info("Leading as master {}", master.masterInfo().getId());
            }
        });
    }

    /** Leadership lost: close every stream at once so subscribers look for the new leader. */
    public void demoted() {
        execute(() -> {
            if (master != null) {
                master.clear();
                master = null;
                LOG.info("No longer leading");
            }
        });
    }

    /** Runs {@code command} on the loop; empty if this process does not lead. */
    public <T> CompletableFuture<Optional<T>> call(Function<Master, T> command) {
        CompletableFuture<Optional<T>> result = new CompletableFuture<>();
        if (!submit(() -> {
            try {
                result.complete(master == null ? Optional.empty() : Optional.ofNullable(command.apply(master)));
            } catch (RuntimeException e) {
                LOG.error("Master command failed", e);
                result.completeExceptionally(e);
            }
        })) {
            result.completeExceptionally(new RejectedExecutionException("master loop stopped"));
        }
        return result;
    }

    /**
     * Runs {@code command} on the loop if this process leads, with nobody waiting for it: for
     * calls already answered (see {@link StreamDirectory}).
     */
    public void run(java.util.function.Consumer<Master> command) {
        execute(() -> {
            if (master != null) {
                command.accept(master);
            }
        });
    }

    private void execute(Runnable r) {
        if (!submit(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("Master command failed", e);
            }
        })) {
            LOG.debug("Master loop already stopped");
        }
    }

    private boolean submit(Runnable command) {
        if (stopping) {
            return false;
        }
        commands.add(command);
        if (parked) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    @Override
    public void close() {
        demoted();
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Master loop did not stop within 5 s");
        } else {
            // a command that slipped in while the thread was finishing: answered "not leading"
            for (Runnable command; (command = commands.poll()) != null;) {
                command.run();
            }
        }
    }
}
