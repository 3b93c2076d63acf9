package io.mezzo.agent.internal.detect;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Picks the leader among Curator {@code LeaderLatch} participants: the znode with the lowest
 * sequence number (names look like {@code _c_<uuid>-latch-0000000003}). That is the rule the
 * latch itself applies, so the agent and the masters agree on who leads.
 */
public final class LeaderLatchNodes {
    private static final String MARKER = "latch-";

    private LeaderLatchNodes() {
    }

    /** The leader's znode name, or empty when no child is a latch participant. */
    public static Optional<String> leader(Collection<String> children) {
        return children.stream()
                .filter(name -> sequence(name) >= 0)
                .min(Comparator.comparingLong(LeaderLatchNodes::sequence));
    }

    /** The sequence number Curator appended to a participant's name, or -1 if it has none. */
    static long sequence(String name) {
        int at = name.lastIndexOf(MARKER);
        if (at < 0) {
            return -1;
        }
        String digits = name.substring(at + MARKER.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
