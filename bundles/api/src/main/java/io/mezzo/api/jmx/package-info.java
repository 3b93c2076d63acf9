/**
 * Mezzo's MBean interfaces, for JConsole and any JMX client: {@code io.mezzo:type=Master},
 * {@code io.mezzo:type=Allocator}, {@code io.mezzo:type=Agent} and {@code io.mezzo:type=ZooKeeper}.
 * Open types only, so a client needs none of Mezzo's classes.
 */
@Export
@Version("0.3.0")
package io.mezzo.api.jmx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
