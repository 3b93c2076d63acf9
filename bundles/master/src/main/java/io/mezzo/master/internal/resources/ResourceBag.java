package io.mezzo.master.internal.resources;

import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable multiset of unreserved resources: scalars in fixed point (thousandths, so that
 * 0.1 + 0.2 cpus is exactly 0.3) and ranges (ports). This is the master's offer-accounting seam
 * until {@code io.mezzo.api.resources.Resources} is available; roles and reservations are
 * ignored, SET resources are not modelled.
 */
public final class ResourceBag {
    /** Fixed-point scale: Mesos keeps three decimals of scalar resources. */
    private static final long SCALE = 1000;
    public static final ResourceBag EMPTY = new ResourceBag(Map.of(), Map.of());

    private final Map<String, Long> scalars;
    private final Map<String, List<long[]>> ranges;

    private ResourceBag(Map<String, Long> scalars, Map<String, List<long[]>> ranges) {
        this.scalars = scalars;
        this.ranges = ranges;
    }

    public static ResourceBag of(List<Resource> resources) {
        Map<String, Long> s = new TreeMap<>();
        Map<String, List<long[]>> r = new TreeMap<>();
        for (Resource res : resources) {
            if (res.getType() == Value.Type.SCALAR && res.hasScalar()) {
                s.merge(res.getName(), Math.round(res.getScalar().getValue() * SCALE), Long::sum);
            } else if (res.getType() == Value.Type.RANGES) {
                List<long[]> add = new ArrayList<>();
                res.getRanges().getRangeList().forEach(x -> add.add(new long[] {x.getBegin(), x.getEnd()}));
                r.merge(res.getName(), normalize(add), (a, b) -> union(a, b));
            }
        }
        return create(s, r);
    }

    /** Scalars only, for tests and configuration: {@code scalars("cpus", 4, "mem", 4096)}. */
    public static ResourceBag scalars(Object... nameValue) {
        Map<String, Long> s = new TreeMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            s.put((String) nameValue[i], Math.round(((Number) nameValue[i + 1]).doubleValue() * SCALE));
        }
        return create(s, Map.of());
    }

    /** Ranges of one name, e.g. {@code withRange("ports", 31000, 32000)}. */
    public ResourceBag withRange(String name, long begin, long end) {
        Map<String, List<long[]>> r = new TreeMap<>(ranges);
        r.merge(name, List.<long[]>of(new long[] {begin, end}), ResourceBag::union);
        return create(scalars, r);
    }

    private static ResourceBag create(Map<String, Long> s, Map<String, List<long[]>> r) {
        s.values().removeIf(v -> v == 0);
        r.values().removeIf(List::isEmpty);
        return new ResourceBag(Collections.unmodifiableMap(s), Collections.unmodifiableMap(r));
    }

    public double scalar(String name) {
        return scalars.getOrDefault(name, 0L) / (double) SCALE;
    }

    public Map<String, Double> scalarMap() {
        Map<String, Double> out = new TreeMap<>();
        scalars.forEach((k, v) -> out.put(k, v / (double) SCALE));
        return out;
    }

    public boolean isEmpty() {
        return scalars.isEmpty() && ranges.isEmpty();
    }

    public ResourceBag plus(ResourceBag other) {
        Map<String, Long> s = new TreeMap<>(scalars);
        other.scalars.forEach((k, v) -> s.merge(k, v, Long::sum));
        Map<String, List<long[]>> r = new TreeMap<>(ranges);
        other.ranges.forEach((k, v) -> r.merge(k, v, ResourceBag::union));
        return create(s, r);
    }

    /** {@code this - other}; callers check {@link #contains} first, negative scalars are clamped to 0. */
    public ResourceBag minus(ResourceBag other) {
        Map<String, Long> s = new TreeMap<>(scalars);
        other.scalars.forEach((k, v) -> s.computeIfPresent(k, (key, mine) -> Math.max(0, mine - v)));
        Map<String, List<long[]>> r = new TreeMap<>(ranges);
        other.ranges.forEach((k, v) -> r.computeIfPresent(k, (key, mine) -> subtract(mine, v)));
        return create(s, r);
    }

    public boolean contains(ResourceBag other) {
        for (Map.Entry<String, Long> e : other.scalars.entrySet()) {
            if (scalars.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        for (Map.Entry<String, List<long[]>> e : other.ranges.entrySet()) {
            List<long[]> mine = ranges.getOrDefault(e.getKey(), List.of());
            for (long[] want : e.getValue()) {
                if (mine.stream().noneMatch(have -> have[0] <= want[0] && want[1] <= have[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Protobuf form; {@code role} non-null sets {@code allocation_info.role} as offers carry it. */
    public List<Resource> toProtos(String role) {
        List<Resource> out = new ArrayList<>();
        scalars.forEach((name, v) -> out.add(withRole(Resource.newBuilder().setName(name)
                .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(v / (double) SCALE)), role)));
        ranges.forEach((name, list) -> {
            Value.Ranges.Builder rb = Value.Ranges.newBuilder();
            list.forEach(x -> rb.addRange(Value.Range.newBuilder().setBegin(x[0]).setEnd(x[1])));
            out.add(withRole(Resource.newBuilder().setName(name).setType(Value.Type.RANGES).setRanges(rb), role));
        });
        return out;
    }

    private static Resource withRole(Resource.Builder b, String role) {
        if (role != null) {
            b.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role));
        }
        return b.build();
    }

    /** Ranges as Mesos prints them: {@code [31000-31005, 31010-31010]}. */
    public Map<String, String> rangeStrings() {
        Map<String, String> out = new TreeMap<>();
        ranges.forEach((name, list) -> out.put(name, printRanges(list)));
        return out;
    }

    private static String printRanges(List<long[]> list) {
        StringBuilder sb = new StringBuilder("[");
        for (long[] x : list) {
            sb.append(sb.length() > 1 ? ", " : "").append(x[0]).append('-').append(x[1]);
        }
        return sb.append(']').toString();
    }

    /** Mesos text form: {@code cpus:4;mem:4096;ports:[31000-32000]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        scalarMap().forEach((k, v) -> sb.append(sb.length() > 0 ? ";" : "").append(k).append(':')
                .append(v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v)));
        ranges.forEach((k, v) -> sb.append(sb.length() > 0 ? ";" : "").append(k).append(':').append(printRanges(v)));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceBag b && b.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static List<long[]> normalize(List<long[]> in) {
        List<long[]> sorted = new ArrayList<>(in);
        sorted.removeIf(x -> x[1] < x[0]);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] x : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && x[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], x[1]);
            } else {
                out.add(new long[] {x[0], x[1]});
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<long[]> union(List<long[]> a, List<long[]> b) {
        List<long[]> all = new ArrayList<>(a);
        all.addAll(b);
        return normalize(all);
    }

    private static List<long[]> subtract(List<long[]> mine, List<long[]> take) {
        List<long[]> out = new ArrayList<>();
        for (long[] m : mine) {
            List<long[]> pieces = new ArrayList<>(List.<long[]>of(new long[] {m[0], m[1]}));
            for (long[] t : take) {
                List<long[]> next = new ArrayList<>();
                for (long[] p : pieces) {
                    if (t[1] < p[0] || t[0] > p[1]) {
                        next.add(p);
                        continue;
                    }
                    if (p[0] < t[0]) {
                        next.add(new long[] {p[0], t[0] - 1});
                    }
                    if (t[1] < p[1]) {
                        next.add(new long[] {t[1] + 1, p[1]});
                    }
                }
                pieces = next;
            }
            out.addAll(pieces);
        }
        return normalize(out);
    }
}
