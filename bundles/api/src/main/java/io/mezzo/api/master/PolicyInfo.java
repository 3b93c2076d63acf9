package io.mezzo.api.master;

/** A registered allocation policy and the bundle that provides it. */
public record PolicyInfo(String name, long bundleId, String bundleSymbolicName, String bundleVersion,
        boolean active) {
}
