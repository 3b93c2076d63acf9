package io.mezzo.master.internal;

import io.mezzo.master.internal.core.Durations;
import io.mezzo.master.internal.core.MasterSettings;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Folds a new configuration into the running settings key by key: each valid value replaces the
 * old one, each invalid one is reported and the old value kept, so one typo never blocks the
 * other keys of the same change nor takes the master down.
 */
final class LiveSettings {
    /** A configuration key and the value that was refused. */
    record Key(String name, String value) {
    }

    private LiveSettings() {
    }

    static MasterSettings merge(MasterSettings old, MasterConfig c, BiConsumer<Key, String> refused) {
        Duration interval = positive("allocation.interval", c.allocation_interval(), old.allocationInterval(), refused);
        Duration offerTimeout = key("offer.timeout", c.offer_timeout(), Durations::parse, old.offerTimeout(), refused);
        Duration heartbeat = positive("heartbeat.interval", c.heartbeat_interval(), old.heartbeatInterval(), refused);
        Duration ping = positive("agent.ping.interval", c.agent_ping_interval(), old.agentPingInterval(), refused);
        int missed = key("agent.max.missed.pings", String.valueOf(c.agent_max_missed_pings()), v -> {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return n;
        }, old.agentMaxMissedPings(), refused);
        Duration reregister = positive("agent.reregister.timeout", c.agent_reregister_timeout(),
                old.agentReregisterTimeout(), refused);
        Map<String, Double> weights = key("weights", c.weights(), MasterSettings::parseWeights, old.weights(), refused);
        return MasterSettings.validated(interval, offerTimeout, heartbeat, ping, missed, reregister, weights);
    }

    private static Duration positive(String name, String value, Duration old, BiConsumer<Key, String> refused) {
        return key(name, value, v -> {
            Duration d = Durations.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        }, old, refused);
    }

    private static <T> T key(String name, String value, Function<String, T> parse, T old,
            BiConsumer<Key, String> refused) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            refused.accept(new Key(name, value), e.getMessage());
            return old;
        }
    }
}
