package io.mezzo.api.resources;

/** An inclusive range {@code [begin, end]} of non-negative integers, e.g. ports. */
public record Range(long begin, long end) implements Comparable<Range> {
    public Range {
        if (begin < 0 || end < 0) {
            throw new InvalidResourceException("range bounds must be between 0 and 2^63-1: ["
                    + Long.toUnsignedString(begin) + "-" + Long.toUnsignedString(end) + "]");
        }
        if (begin > end) {
            throw new InvalidResourceException("range begin is greater than end: [" + begin + "-" + end + "]");
        }
    }

    /** How many values the range holds. */
    public long size() {
        return end - begin + 1;
    }

    @Override
    public int compareTo(Range other) {
        int byBegin = Long.compare(begin, other.begin);
        return byBegin != 0 ? byBegin : Long.compare(end, other.end);
    }

    @Override
    public String toString() {
        return begin + "-" + end;
    }
}
