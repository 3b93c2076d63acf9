package io.mezzo.master.internal.core;

import io.mezzo.api.master.AllocationCycleStats;

/**
 * Running figures of the allocation cycles: written by the master loop, read by operators.
 * Thread-safe (synchronized; one write per cycle and per tick is nothing next to a cycle).
 */
public final class CycleStats {
    private long cycles;
    private long lastNanos;
    private long totalNanos;
    private long maxNanos;
    private int offersOutstanding;

    public synchronized void cycleRan(long nanos, int outstanding) {
        cycles++;
        lastNanos = nanos;
        totalNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        offersOutstanding = outstanding;
    }

    public synchronized void offersOutstanding(int outstanding) {
        offersOutstanding = outstanding;
    }

    public synchronized AllocationCycleStats snapshot() {
        return new AllocationCycleStats(cycles, lastNanos / 1000, cycles == 0 ? 0 : totalNanos / cycles / 1000,
                maxNanos / 1000, offersOutstanding);
    }
}
