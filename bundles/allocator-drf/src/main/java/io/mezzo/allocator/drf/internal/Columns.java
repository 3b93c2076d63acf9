package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.Quantities;
import java.util.HashMap;
import java.util.Map;

/**
 * The resource names of one round as dense columns, so the inner loop adds and compares
 * {@code long[]} vectors instead of allocating a new {@link Quantities} per task placed. The
 * columns are the names of the cluster total: nothing free or allocated can lie outside them.
 */
final class Columns {

    private final String[] names;
    private final long[] total;

    Columns(Quantities clusterTotal) {
        names = new String[clusterTotal.size()];
        total = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = clusterTotal.name(i);
            total[i] = clusterTotal.millisAt(i);
        }
    }

    int width() {
        return names.length;
    }

    /** Writes {@code q} into {@code into[offset..offset+width)}; false if {@code q} names a resource the cluster lacks. */
    boolean write(Quantities q, long[] into, int offset) {
        int j = 0;
        for (int i = 0; i < q.size(); i++) {
            String name = q.name(i);
            while (j < names.length && names[j].compareTo(name) < 0) {
                into[offset + j++] = 0;
            }
            if (j == names.length || !names[j].equals(name)) {
                return false;
            }
            into[offset + j++] = q.millisAt(i);
        }
        while (j < names.length) {
            into[offset + j++] = 0;
        }
        return true;
    }

    long[] vector(Quantities q) {
        long[] v = new long[names.length];
        return write(q, v, 0) ? v : null;
    }

    /**
     * What a consumer holds, as a vector. Holdings on agents that have since left the total are
     * ignored: they no longer count toward any share.
     */
    long[] held(Quantities q) {
        long[] v = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            v[i] = q.millis(names[i]);
        }
        return v;
    }

    Quantities quantities(long[] v, int offset) {
        Map<String, Long> amounts = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (v[offset + i] != 0) {
                amounts.put(names[i], v[offset + i]);
            }
        }
        return Quantities.fromMillis(amounts);
    }

    /** DRF's dominant share of {@code allocated}: max over columns of allocated / total. */
    double share(long[] allocated) {
        double share = 0;
        for (int i = 0; i < names.length; i++) {
            if (total[i] > 0 && allocated[i] > 0) {
                share = Math.max(share, allocated[i] / (double) total[i]);
            }
        }
        return share;
    }
}
