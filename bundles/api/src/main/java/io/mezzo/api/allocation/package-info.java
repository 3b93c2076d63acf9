/**
 * The allocation SPI: what a policy sees ({@link io.mezzo.api.allocation.AllocationView}), what it
 * decides ({@link io.mezzo.api.allocation.Grant}) and the quantities it reasons in
 * ({@link io.mezzo.api.allocation.Quantities}). Policies are OSGi services registered under
 * {@link io.mezzo.api.allocation.AllocationPolicy} with {@code mezzo.policy=<name>}; the master keeps
 * an {@link io.mezzo.api.allocation.AllocationLedger} up to date and hands it to the active policy.
 * No protobuf types appear here: the master maps to the wire at its edge.
 */
@Export
@Version("0.1.0")
package io.mezzo.api.allocation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
