package io.mezzo.master.internal.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's single writer: one thread owns the {@link Master} (present only while this
 * process leads) and runs every command and tick on it. Other threads submit work and get
 * futures; they never touch the state.
 */
public final class MasterLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);

    private final ScheduledExecutorService thread;
    private final Supplier<Master> factory;
    private Master master; // loop thread only

    public MasterLoop(Supplier<Master> factory, Duration tick) {
        this.factory = factory;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mezzo-master-loop");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        // an exception escaping a scheduled task would cancel all later ticks
        try {
            if (master != null) {
                master.tick();
            }
        } catch (RuntimeException e) {
            LOG.error("Master tick failed", e);
        }
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
        try {
            thread.execute(() -> {
                try {
                    result.complete(master == null ? Optional.empty() : Optional.ofNullable(command.apply(master)));
                } catch (RuntimeException e) {
                    LOG.error("Master command failed", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void execute(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            LOG.debug("Master loop already stopped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        demoted();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
