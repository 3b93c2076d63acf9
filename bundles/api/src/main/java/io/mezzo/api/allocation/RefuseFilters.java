package io.mezzo.api.allocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * When the refuse filters of the ledger expire. The truth about whether a filter is active is the
 * bit in the agent's {@link SlotSet} of refusers; this book only remembers when to clear it. It
 * must hold tens of millions of filters (the Mesos DeclineOffers benchmark: every framework
 * refuses every agent), so each filter is one packed {@code long} in a bucket of its expiry time,
 * with no per-filter object and no per-pair map.
 *
 * <p>A pair refused again while its filter is active gets a second entry and a counter in
 * {@code renewals}; only the last entry to expire (the latest time) clears the bit, so a filter
 * lasts until the latest of its expiries, as Mesos' overlapping filters do. REVIVE and slot reuse
 * bump an epoch packed into the entry, which makes older entries stale. Expiries are rounded up to
 * {@link #RESOLUTION_MS}, so a filter may last up to that much longer than asked, which keeps the
 * bucket count small when every DECLINE carries its own timestamp. Epochs have 11 bits: an entry
 * more than 2,047 REVIVEs old could in theory clear a newer filter early (never late).
 */
final class RefuseFilters {

    static final long RESOLUTION_MS = 100;

    static final int MAX_FRAMEWORK_SLOTS = 1 << 20;
    static final int MAX_AGENT_SLOTS = 1 << 22;
    private static final int EPOCH_MASK = (1 << 11) - 1;

    private final TreeMap<Long, Bucket> byExpiry = new TreeMap<>();
    private final Map<Long, Integer> renewals = new HashMap<>();

    /** Receives each filter whose time has come. */
    interface Expiry {
        /** Clears the filter if {@code frameworkEpoch}/{@code agentEpoch} still match the slots' current ones. */
        boolean clear(int frameworkSlot, int frameworkEpoch, int agentSlot, int agentEpoch);
    }

    static int epoch(int counter) {
        return counter & EPOCH_MASK;
    }

    /** Records a filter; {@code renewed} says the pair's bit was already set. */
    void add(int frameworkSlot, int frameworkEpoch, int agentSlot, int agentEpoch, long untilMillis, boolean renewed) {
        long entry = pack(frameworkSlot, frameworkEpoch, agentSlot, agentEpoch);
        if (renewed) {
            renewals.merge(entry, 1, Integer::sum);
        }
        long bucket = Math.floorDiv(untilMillis + RESOLUTION_MS - 1, RESOLUTION_MS) * RESOLUTION_MS;
        byExpiry.computeIfAbsent(bucket, b -> new Bucket()).add(entry);
    }

    /** Clears every filter due at {@code nowMillis}; returns how many were cleared. */
    int expire(long nowMillis, Expiry expiry) {
        int cleared = 0;
        while (!byExpiry.isEmpty() && byExpiry.firstKey() <= nowMillis) {
            Bucket due = byExpiry.pollFirstEntry().getValue();
            for (int i = 0; i < due.size; i++) {
                long entry = due.entries[i];
                Integer pending = renewals.get(entry);
                if (pending != null) {
                    // a later entry for the same filter is still waiting: it clears the bit
                    if (pending == 1) {
                        renewals.remove(entry);
                    } else {
                        renewals.put(entry, pending - 1);
                    }
                    continue;
                }
                if (expiry.clear(frameworkSlot(entry), (int) (entry >>> 11) & EPOCH_MASK,
                        agentSlot(entry), (int) entry & EPOCH_MASK)) {
                    cleared++;
                }
            }
        }
        return cleared;
    }

    /** Forgets renewals of a framework incarnation that has just been revived or removed. */
    void forget(int frameworkSlot, int frameworkEpoch) {
        if (!renewals.isEmpty()) {
            renewals.keySet().removeIf(e -> frameworkSlot(e) == frameworkSlot
                    && ((int) (e >>> 11) & EPOCH_MASK) == frameworkEpoch);
        }
    }

    int pending() {
        int count = 0;
        for (Bucket bucket : byExpiry.values()) {
            count += bucket.size;
        }
        return count;
    }

    private static long pack(int frameworkSlot, int frameworkEpoch, int agentSlot, int agentEpoch) {
        // | framework slot: 20 | agent slot: 22 | framework epoch: 11 | agent epoch: 11 |
        return ((long) frameworkSlot << 44) | ((long) agentSlot << 22) | ((long) (frameworkEpoch & EPOCH_MASK) << 11)
                | (agentEpoch & EPOCH_MASK);
    }

    private static int frameworkSlot(long entry) {
        return (int) (entry >>> 44);
    }

    private static int agentSlot(long entry) {
        return (int) (entry >>> 22) & (MAX_AGENT_SLOTS - 1);
    }

    private static final class Bucket {
        long[] entries = new long[8];
        int size;

        void add(long entry) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = entry;
        }
    }
}
