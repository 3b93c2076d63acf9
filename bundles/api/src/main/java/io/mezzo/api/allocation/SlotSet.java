package io.mezzo.api.allocation;

import java.util.Arrays;

/**
 * A set of framework slots as a bitset, read-only to policies. The view keeps one per agent (the
 * frameworks refusing it) and one per role (the frameworks wanting offers in it), so a policy can
 * tell whether anybody can take an agent with a few word operations instead of asking every
 * framework: {@code wanting.word(i) & ~refusers.word(i)}.
 */
public final class SlotSet {

    private long[] words;

    SlotSet() {
        this.words = new long[1];
    }

    /** Number of 64-bit words; words past this are zero. */
    public int words() {
        return words.length;
    }

    /** Word {@code i} of the set (zero past the end). */
    public long word(int i) {
        return i < words.length ? words[i] : 0L;
    }

    public boolean contains(int slot) {
        int w = slot >>> 6;
        return w < words.length && (words[w] & (1L << slot)) != 0;
    }

    /** The first slot ≥ {@code from} in the set, or -1. */
    public int next(int from) {
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    public boolean isEmpty() {
        for (long word : words) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }

    void add(int slot) {
        int w = slot >>> 6;
        if (w >= words.length) {
            words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
        }
        words[w] |= 1L << slot;
    }

    void remove(int slot) {
        int w = slot >>> 6;
        if (w < words.length) {
            words[w] &= ~(1L << slot);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int slot = next(0); slot >= 0; slot = next(slot + 1)) {
            text.append(text.length() > 1 ? "," : "").append(slot);
        }
        return text.append('}').toString();
    }
}
