package io.mezzo.api.allocation;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable bag of named scalar quantities ({@code cpus}, {@code mem} in MB, {@code disk} in MB,
 * {@code gpus}, {@code ports} as a count, or any other name) in fixed point: each amount is a
 * {@code long} number of thousandths, the precision Mesos rounds scalars to. Sums and differences
 * are therefore exact ({@code 0.1 + 0.2 - 0.3 == 0}), which matters because the allocator adds and
 * subtracts the same amounts millions of times and must come back to exactly zero.
 *
 * <p>Zero amounts are never stored, so equal bags are equal objects. Names are kept sorted, so
 * two bags combine in one merge pass with no hashing. Amounts are never negative.
 */
public final class Quantities {

    /** Fixed-point scale: amounts are stored in thousandths. */
    public static final long SCALE = 1000;

    public static final Quantities EMPTY = new Quantities(new String[0], new long[0]);

    private final String[] names;
    private final long[] millis;

    private Quantities(String[] names, long[] millis) {
        this.names = names;
        this.millis = millis;
    }

    /**
     * Parses the Mesos resource text {@code cpus:4;mem:4096;ports:[31000-32000,33000-33009]};
     * ranges count as their number of values. Repeated names add up.
     */
    public static Quantities parse(String text) {
        TreeMap<String, Long> amounts = new TreeMap<>();
        for (String part : text.split(";")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not name:amount: " + item);
            }
            String name = item.substring(0, colon).strip();
            String value = item.substring(colon + 1).strip();
            long amount = value.startsWith("[") ? rangeCount(value) * SCALE : toMillis(Double.parseDouble(value));
            amounts.merge(name, amount, Math::addExact);
        }
        return fromMap(amounts);
    }

    /** One named amount, e.g. {@code of("cpus", 0.5)}. */
    public static Quantities of(String name, double amount) {
        return ofMillis(name, toMillis(amount));
    }

    /** One named amount in thousandths. */
    public static Quantities ofMillis(String name, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative " + name);
        }
        return millis == 0 ? EMPTY : new Quantities(new String[] {name}, new long[] {millis});
    }

    /** From a name → thousandths map; zero entries are dropped. */
    public static Quantities fromMillis(Map<String, Long> amounts) {
        return fromMap(new TreeMap<>(amounts));
    }

    private static Quantities fromMap(TreeMap<String, Long> sorted) {
        sorted.values().removeIf(v -> v == 0);
        String[] n = new String[sorted.size()];
        long[] m = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("negative " + e.getKey());
            }
            n[i] = e.getKey();
            m[i++] = e.getValue();
        }
        return new Quantities(n, m);
    }

    private static long toMillis(double amount) {
        if (amount < 0 || Double.isNaN(amount)) {
            throw new IllegalArgumentException("not a quantity: " + amount);
        }
        return Math.round(amount * SCALE);
    }

    private static long rangeCount(String value) {
        String inner = value.substring(1, value.length() - 1).strip();
        long count = 0;
        if (inner.isEmpty()) {
            return 0;
        }
        for (String range : inner.split(",")) {
            String[] bounds = range.strip().split("-");
            long begin = Long.parseLong(bounds[0].strip());
            long end = bounds.length > 1 ? Long.parseLong(bounds[1].strip()) : begin;
            if (end < begin) {
                throw new IllegalArgumentException("bad range: " + range);
            }
            count += end - begin + 1;
        }
        return count;
    }

    /** Number of named amounts. */
    public int size() {
        return names.length;
    }

    /** The i-th name in sorted order. */
    public String name(int i) {
        return names[i];
    }

    /** The i-th amount in thousandths. */
    public long millisAt(int i) {
        return millis[i];
    }

    /** The amount of {@code name} in thousandths, 0 if absent. */
    public long millis(String name) {
        int i = indexOf(name);
        return i < 0 ? 0 : millis[i];
    }

    /** The amount of {@code name}, 0 if absent. */
    public double amount(String name) {
        return millis(name) / (double) SCALE;
    }

    private int indexOf(String name) {
        // bags hold a handful of names: a linear scan beats a binary search and needs no hashing
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    /** True if every amount of {@code other} is at most this bag's amount of the same name. */
    public boolean contains(Quantities other) {
        int i = 0;
        for (int j = 0; j < other.names.length; j++) {
            while (i < names.length && names[i].compareTo(other.names[j]) < 0) {
                i++;
            }
            if (i == names.length || !names[i].equals(other.names[j]) || millis[i] < other.millis[j]) {
                return false;
            }
        }
        return true;
    }

    /** How many whole copies of {@code unit} fit in this bag (Long.MAX_VALUE for an empty unit). */
    public long fits(Quantities unit) {
        long copies = Long.MAX_VALUE;
        for (int j = 0; j < unit.names.length; j++) {
            copies = Math.min(copies, millis(unit.names[j]) / unit.millis[j]);
        }
        return copies;
    }

    public Quantities plus(Quantities other) {
        return combine(other, 1);
    }

    /** The difference; throws if {@code other} is not contained, because resources never go negative. */
    public Quantities minus(Quantities other) {
        return combine(other, -1);
    }

    /** {@code k} copies of this bag. */
    public Quantities times(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("negative factor");
        }
        if (k == 0) {
            return EMPTY;
        }
        long[] m = new long[millis.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.multiplyExact(millis[i], k);
        }
        return new Quantities(names, m);
    }

    private Quantities combine(Quantities other, int sign) {
        if (other.isEmpty()) {
            return this;
        }
        String[] n = new String[names.length + other.names.length];
        long[] m = new long[n.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < names.length || j < other.names.length) {
            int order = i == names.length ? 1 : j == other.names.length ? -1 : names[i].compareTo(other.names[j]);
            String name;
            long value;
            if (order < 0) {
                name = names[i];
                value = millis[i++];
            } else if (order > 0) {
                name = other.names[j];
                value = sign * other.millis[j++];
            } else {
                name = names[i];
                value = Math.addExact(millis[i++], sign * other.millis[j++]);
            }
            if (value < 0) {
                throw new IllegalArgumentException(this + " does not contain " + other);
            }
            if (value != 0) {
                n[k] = name;
                m[k++] = value;
            }
        }
        return new Quantities(Arrays.copyOf(n, k), Arrays.copyOf(m, k));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantities q && Arrays.equals(names, q.names) && Arrays.equals(millis, q.millis);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(millis);
    }

    /** Mesos-style text, e.g. {@code cpus:1.5;mem:1024}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                text.append(';');
            }
            text.append(names[i]).append(':');
            long whole = millis[i] / SCALE;
            long fraction = millis[i] % SCALE;
            text.append(whole);
            if (fraction != 0) {
                text.append('.').append(String.format("%03d", fraction).replaceAll("0+$", ""));
            }
        }
        return text.toString();
    }
}
