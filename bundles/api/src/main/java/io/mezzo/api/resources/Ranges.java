package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of integers as sorted, disjoint, non-adjacent ranges: {@code [1-3]} plus {@code [4-5]}
 * is {@code [1-5]}. Normalized on construction, so equal sets are equal objects.
 */
public final class Ranges implements ResourceValue {
    private static final Ranges NONE = new Ranges(List.of());

    private final List<Range> ranges;

    private Ranges(List<Range> normalized) {
        this.ranges = normalized;
    }

    /** The union of {@code ranges}, which may overlap. */
    public static Ranges of(Collection<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(null);
        List<Range> merged = new ArrayList<>(sorted.size());
        for (Range range : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            // end + 1 would overflow at Long.MAX_VALUE; compare without adding.
            if (last != null && range.begin() - 1 <= last.end()) {
                merged.set(merged.size() - 1, new Range(last.begin(), Math.max(last.end(), range.end())));
            } else {
                merged.add(range);
            }
        }
        return new Ranges(List.copyOf(merged));
    }

    public static Ranges of(Range... ranges) {
        return of(List.of(ranges));
    }

    /**
     * {@code ranges} as one resource carries them, rejecting overlaps as Mesos' validation does
     * (adjacent ranges are fine).
     */
    public static Ranges ofDisjoint(Collection<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).begin() <= sorted.get(i - 1).end()) {
                throw new InvalidResourceException("overlapping ranges " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        return of(sorted);
    }

    public static Ranges none() {
        return NONE;
    }

    /** The normalized ranges, ascending. */
    public List<Range> ranges() {
        return ranges;
    }

    /** How many integers the set holds. */
    public long size() {
        long size = 0;
        for (Range range : ranges) {
            size += range.size();
        }
        return size;
    }

    @Override
    public Value.Type type() {
        return Value.Type.RANGES;
    }

    @Override
    public Ranges plus(ResourceValue other) {
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(((Ranges) other).ranges);
        return of(all);
    }

    @Override
    public Ranges minus(ResourceValue other) {
        List<Range> taken = ((Ranges) other).ranges;
        List<Range> result = new ArrayList<>();
        int next = 0; // both lists are sorted and disjoint: walk them together
        for (Range range : ranges) {
            while (next < taken.size() && taken.get(next).end() < range.begin()) {
                next++; // holes entirely below this range are below every later range too
            }
            long begin = range.begin();
            boolean consumed = false;
            for (int i = next; i < taken.size() && taken.get(i).begin() <= range.end(); i++) {
                Range hole = taken.get(i);
                if (hole.begin() > begin) {
                    result.add(new Range(begin, hole.begin() - 1));
                }
                if (hole.end() >= range.end()) {
                    consumed = true;
                    break;
                }
                begin = Math.max(begin, hole.end() + 1); // hole.end() < range.end(): no overflow
            }
            if (!consumed) {
                result.add(new Range(begin, range.end()));
            }
        }
        return new Ranges(List.copyOf(result));
    }

    @Override
    public boolean contains(ResourceValue other) {
        return ((Ranges) other).minus(this).isEmpty();
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ranges && ((Ranges) other).ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** Mesos' text form, e.g. {@code [31000-32000, 33000-34000]}. */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
