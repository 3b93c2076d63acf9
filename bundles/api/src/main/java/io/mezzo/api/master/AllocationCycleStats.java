package io.mezzo.api.master;

/**
 * How the allocation cycles went: how many ran, how long the last, the mean and the longest took
 * (policy plus booking of its grants, in microseconds), and how many offers are outstanding now.
 */
public record AllocationCycleStats(long cycles, long lastMicros, long meanMicros, long maxMicros,
        int offersOutstanding) {
}
