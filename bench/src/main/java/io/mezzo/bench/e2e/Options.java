package io.mezzo.bench.e2e;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults, for the harness mains. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    double getDouble(String name, double fallback) {
        return Double.parseDouble(get(name, Double.toString(fallback)));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
