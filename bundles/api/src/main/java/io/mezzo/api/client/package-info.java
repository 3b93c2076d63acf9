/**
 * A small Java client for Mesos-style HTTP APIs on {@code java.net.http}: a generic streaming
 * subscription ({@link io.mezzo.api.client.EventStream}) and, on top of it, a
 * {@link io.mezzo.api.client.SchedulerClient} for the v1 scheduler API. Protobuf on the wire.
 */
@Export
@Version("0.1.0")
package io.mezzo.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
