package io.mezzo.api.jmx;

/** {@code io.mezzo:type=Allocator}: the allocation policy in use and how the cycles go. */
public interface AllocatorMBean {
    String OBJECT_NAME = "io.mezzo:type=Allocator";

    /** The policy used by the next cycle. */
    String getActivePolicy();

    /** The policy asked for (configuration or {@link #setPolicy}); differs from the active one on fallback. */
    String getRequestedPolicy();

    String[] getAvailablePolicies();

    /** Why the active policy is not the requested one; empty when it is. */
    String getFallbackReason();

    long getCyclesRun();

    /** The allocation interval in force, in milliseconds (an invalid configured value is refused). */
    long getAllocationIntervalMillis();

    long getLastCycleMicros();

    long getMeanCycleMicros();

    long getMaxCycleMicros();

    int getOffersOutstanding();

    /**
     * Switches the policy from the next cycle; fails for a policy that is not registered. Returns
     * the policy requested before (non-void so JMX sees an operation, not a write-only attribute).
     */
    String setPolicy(String name);
}
