package io.mezzo.master.internal.core;

import io.mezzo.api.allocation.Quantities;
import io.mezzo.api.resources.ItemSet;
import io.mezzo.api.resources.Range;
import io.mezzo.api.resources.Ranges;
import io.mezzo.api.resources.ResourceKey;
import io.mezzo.api.resources.ResourceValue;
import io.mezzo.api.resources.Resources;
import io.mezzo.api.resources.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The edge between what policies reason in ({@link Quantities}: amounts per name, ranges and sets
 * as counts) and what the master offers ({@link Resources}: actual port ranges, set items, roles).
 * A policy's grant says "200 ports"; the slicer picks which: the lowest free ones, so that offers
 * stay few contiguous ranges.
 */
final class ResourceSlicer {
    private ResourceSlicer() {
    }

    /** Amounts per name over every role: scalars as they are, ranges and sets by their size. */
    static Quantities quantities(Resources resources) {
        Map<String, Long> amounts = new TreeMap<>();
        resources.asMap().forEach((key, value) -> amounts.merge(key.name(), millis(value), Math::addExact));
        return Quantities.fromMillis(amounts);
    }

    private static long millis(ResourceValue value) {
        if (value instanceof Scalar scalar) {
            return scalar.thousandths();
        }
        if (value instanceof Ranges ranges) {
            return Math.multiplyExact(ranges.size(), Quantities.SCALE);
        }
        return Math.multiplyExact((long) ((ItemSet) value).items().size(), Quantities.SCALE);
    }

    /**
     * Takes {@code wanted} out of {@code pool}: scalars by amount, the lowest ports of ranges, the
     * first items of sets.
     *
     * @throws IllegalStateException if the pool does not hold that much
     */
    static Resources slice(Resources pool, Quantities wanted) {
        if (quantities(pool).equals(wanted)) {
            return pool; // the whole free part, as Mesos offers it: the common case
        }
        Map<String, Long> missing = new TreeMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            missing.put(wanted.name(i), wanted.millisAt(i));
        }
        Resources out = Resources.empty();
        for (Map.Entry<ResourceKey, ResourceValue> entry : pool.asMap().entrySet()) {
            long want = missing.getOrDefault(entry.getKey().name(), 0L);
            if (want <= 0) {
                continue;
            }
            ResourceValue taken = take(entry.getValue(), want);
            out = out.plus(Resources.of(entry.getKey(), taken));
            missing.put(entry.getKey().name(), want - millis(taken));
        }
        missing.values().removeIf(v -> v <= 0);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("grant of " + wanted + " exceeds what is free: " + pool);
        }
        return out;
    }

    private static ResourceValue take(ResourceValue value, long millis) {
        if (value instanceof Scalar scalar) {
            return new Scalar(Math.min(scalar.thousandths(), millis));
        }
        long count = (millis + Quantities.SCALE - 1) / Quantities.SCALE;
        if (value instanceof Ranges ranges) {
            List<Range> picked = new ArrayList<>();
            for (Range range : ranges.ranges()) {
                if (count <= 0) {
                    break;
                }
                long n = Math.min(count, range.size());
                picked.add(new Range(range.begin(), range.begin() + n - 1));
                count -= n;
            }
            return Ranges.of(picked);
        }
        return ItemSet.of(((ItemSet) value).items().stream().limit(count).toList());
    }
}
