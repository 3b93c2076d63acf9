package io.mezzo.master.internal.core;

import java.time.Duration;
import java.util.Map;

/**
 * The master's tunables, already parsed. {@code offerTimeout} zero means offers never time out
 * (the Mesos default).
 */
public record MasterSettings(Duration allocationInterval, Duration offerTimeout, Duration heartbeatInterval,
        Duration agentPingInterval, int agentMaxMissedPings, Duration agentReregisterTimeout,
        Map<String, Double> weights) {

    /** Mesos' defaults (§10 of the API reference), with offers that never time out. */
    public static MasterSettings defaults() {
        return new MasterSettings(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(15),
                Duration.ofSeconds(15), 5, Duration.ofMinutes(10), Map.of());
    }

    /**
     * As the constructor, refusing values the master cannot run with.
     *
     * @throws IllegalArgumentException naming the offending key
     */
    public static MasterSettings validated(Duration allocationInterval, Duration offerTimeout,
            Duration heartbeatInterval, Duration agentPingInterval, int agentMaxMissedPings,
            Duration agentReregisterTimeout, Map<String, Double> weights) {
        positive("allocation.interval", allocationInterval);
        positive("heartbeat.interval", heartbeatInterval);
        positive("agent.ping.interval", agentPingInterval);
        if (offerTimeout.isNegative()) {
            throw new IllegalArgumentException("offer.timeout must not be negative");
        }
        if (agentMaxMissedPings < 1) {
            throw new IllegalArgumentException("agent.max.missed.pings must be at least 1, got " + agentMaxMissedPings);
        }
        positive("agent.reregister.timeout", agentReregisterTimeout);
        return new MasterSettings(allocationInterval, offerTimeout, heartbeatInterval, agentPingInterval,
                agentMaxMissedPings, agentReregisterTimeout, weights);
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got " + Durations.print(value));
        }
    }

    public double weight(String role) {
        return weights.getOrDefault(role, 1.0);
    }

    /** {@code role1=2.0,role2=0.5} → map; blanks and malformed pairs are reported. */
    public static Map<String, Double> parseWeights(String text) {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("weights: expected role=weight, got '" + pair + "'");
            }
            double w;
            try {
                w = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weights: weight of " + kv[0].trim() + " is not a number: '"
                        + kv[1].trim() + "'", e);
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights: weight of " + kv[0].trim() + " must be > 0");
            }
            out.put(kv[0].trim(), w);
        }
        return out;
    }
}
