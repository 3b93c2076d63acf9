/**
 * Immutable resource algebra in Mesos' terms: named scalars (fixed point, three decimals),
 * ranges and sets, unreserved ({@code *}) or reserved to a role; Mesos' text form; conversion
 * to and from the v1 {@code Resource} protos.
 */
@Export
@Version("0.1.0")
package io.mezzo.api.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
