package io.mezzo.master.internal.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The figures, counted at most once per {@code maxAgeNanos}: a JMX client reads the Master MBean
 * attribute by attribute (JConsole: a dozen every few seconds), and each read would otherwise
 * count the whole cluster on the master's loop again.
 */
public final class RecentFigures implements Supplier<ClusterFigures> {
    private final Supplier<ClusterFigures> source;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private ClusterFigures last;
    private long lastAt;

    public RecentFigures(Supplier<ClusterFigures> source, LongSupplier nanoTime, long maxAgeNanos) {
        this.source = source;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAgeNanos;
    }

    @Override
    public synchronized ClusterFigures get() {
        long now = nanoTime.getAsLong();
        if (last == null || now - lastAt >= maxAgeNanos) {
            last = source.get();
            lastAt = now;
        }
        return last;
    }
}
