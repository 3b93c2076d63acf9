package io.mezzo.api.master;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The master's allocator as operators drive it (console, JMX): which allocation policy is active,
 * which are available, switching between them, and how the allocation cycles are doing. Present
 * on nodes that run the master role, leading or not.
 */
@ProviderType
public interface AllocatorControl {

    /** The policy the next allocation cycle uses, or empty if no policy is registered at all. */
    Optional<String> activePolicy();

    /** The policy asked for (configuration {@code policy} or the last {@link #setPolicy}). */
    String requestedPolicy();

    /** Every registered policy, by name, with the bundle that provides it. */
    List<PolicyInfo> availablePolicies();

    /**
     * Makes {@code name} the active policy from the next allocation cycle on; outstanding offers
     * stay valid. Lasts until the next change of the {@code policy} configuration.
     *
     * @throws IllegalArgumentException if no policy of that name is registered
     */
    void setPolicy(String name);

    /** Why the active policy is not the requested one (it went away, or never came), if it is not. */
    Optional<String> fallbackReason();

    /** Counters of the allocation cycles run by this master while leading. */
    AllocationCycleStats cycleStats();

    /**
     * The allocation interval in force: the configured {@code allocation.interval}, or the value
     * before it when the configured one was refused as invalid.
     */
    Duration allocationInterval();
}
