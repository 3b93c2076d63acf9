package io.mezzo.shell.internal;

import java.time.Duration;
import java.time.Instant;

/** Ages as operators read them in tables: the largest unit only ({@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}). */
public final class Ages {

    private Ages() {
    }

    /** How long ago {@code then} was at {@code now}; "-" when unknown. */
    public static String since(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        return format(Duration.between(then, now));
    }

    public static String format(Duration age) {
        // clocks of different nodes disagree a little; a moment "in the future" is just now
        long seconds = Math.max(0, age.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }
}
