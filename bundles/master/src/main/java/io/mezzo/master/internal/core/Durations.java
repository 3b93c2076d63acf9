package io.mezzo.master.internal.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as Mesos flags spell them ({@code 1secs}, {@code 500ms}, {@code 10mins}) and the
 * common short forms ({@code 2s}, {@code 1m}, {@code 1h}); a bare number means seconds.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([a-z]*)\\s*");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 1secs, 500ms, 2mins)");
        }
        double amount = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns", "nsecs" -> 1;
            case "us", "usecs" -> 1e3;
            case "ms", "msecs" -> 1e6;
            case "", "s", "sec", "secs", "second", "seconds" -> 1e9;
            case "m", "min", "mins", "minute", "minutes" -> 60e9;
            case "h", "hr", "hrs", "hour", "hours" -> 3600e9;
            case "d", "day", "days" -> 86400e9;
            case "w", "week", "weeks" -> 7 * 86400e9;
            default -> throw new IllegalArgumentException("unknown duration unit in '" + text + "'");
        };
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    /** Mesos' print form, e.g. {@code 1secs}, {@code 500ms}, as /master/state flags show it. */
    public static String print(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s > 0 ? (s / 60) + "mins" : s + "secs";
    }
}
