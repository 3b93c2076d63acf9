package io.mezzo.master.internal.core;

import io.mezzo.api.allocation.AllocationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation policies registered right now and which one the next cycle uses. The requested
 * policy (configuration or operator) is used whenever it is registered; otherwise {@code drf}, with
 * the reason kept for operators, and the requested one takes over again as soon as it (re)appears.
 *
 * <p>Thread-safe: policies come and go on OSGi threads, operators switch on console or JMX threads,
 * and the master loop reads {@link #current()} once per cycle. Because the loop reads it only at the
 * start of a cycle, a switch takes effect at the next cycle and never in the middle of one.
 */
public final class PolicyRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);

    /** A registered policy and a description of where it comes from (its bundle). */
    public record Registered(String name, AllocationPolicy policy, long bundleId, String bundleSymbolicName,
            String bundleVersion) {
    }

    private final Map<String, Registered> byName = new TreeMap<>(); // guarded by this
    private String requested;
    private Registered active;
    private String fallbackReason;

    public PolicyRegistry(String requested) {
        this.requested = requested;
    }

    public synchronized void add(Registered policy) {
        Registered existing = byName.putIfAbsent(policy.name(), policy);
        if (existing != null) {
            LOG.warn("A second allocation policy named '{}' (bundle {}) is ignored; bundle {} provides it",
                    policy.name(), policy.bundleSymbolicName(), existing.bundleSymbolicName());
            return;
        }
        LOG.info("Allocation policy '{}' is available (bundle {} {})", policy.name(), policy.bundleSymbolicName(),
                policy.bundleVersion());
        choose();
    }

    public synchronized void remove(AllocationPolicy policy) {
        Registered gone = byName.values().stream().filter(r -> r.policy() == policy).findFirst().orElse(null);
        if (gone == null) {
            return;
        }
        byName.remove(gone.name());
        LOG.info("Allocation policy '{}' went away", gone.name());
        if (active == gone) {
            active = null;
        }
        choose();
    }

    /** Configuration: use {@code name} from now on, or drf until it is registered. */
    public synchronized void request(String name) {
        requested = name;
        choose();
    }

    /** Operator switch: like {@link #request} but refused for a policy that is not registered. */
    public synchronized void select(String name) {
        if (!byName.containsKey(name)) {
            throw new IllegalArgumentException("No allocation policy named '" + name + "'; available: "
                    + byName.keySet());
        }
        request(name);
    }

    /** The policy for the next allocation cycle. */
    public synchronized Optional<AllocationPolicy> current() {
        return Optional.ofNullable(active).map(Registered::policy);
    }

    public synchronized Optional<String> activeName() {
        return Optional.ofNullable(active).map(Registered::name);
    }

    public synchronized String requested() {
        return requested;
    }

    public synchronized Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    public synchronized List<Registered> available() {
        return new ArrayList<>(byName.values());
    }

    private void choose() {
        Registered wanted = byName.get(requested);
        Registered next = wanted != null ? wanted : byName.get(AllocationPolicy.DEFAULT_POLICY);
        String reason;
        if (wanted != null) {
            reason = null;
        } else if (next != null) {
            reason = "policy '" + requested + "' is not registered; using '" + AllocationPolicy.DEFAULT_POLICY + "'";
        } else if (requested.equals(AllocationPolicy.DEFAULT_POLICY)) {
            reason = "policy '" + requested + "' is not registered; no offers are made";
        } else {
            reason = "neither policy '" + requested + "' nor '" + AllocationPolicy.DEFAULT_POLICY + "' is registered;"
                    + " no offers are made";
        }
        if (next != active) {
            LOG.info("Allocation policy {} -> {} from the next cycle{}", active == null ? "(none)" : active.name(),
                    next == null ? "(none)" : next.name(), reason == null ? "" : " (" + reason + ")");
        }
        if (reason != null && !reason.equals(fallbackReason)) {
            LOG.warn("Allocation falls back: {}", reason);
        }
        active = next;
        fallbackReason = reason;
    }
}
