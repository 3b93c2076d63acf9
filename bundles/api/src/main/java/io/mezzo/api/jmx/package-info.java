/**
 * Mezzo's MBean interfaces, for JConsole and any JMX client: {@code io.mezzo:type=Master} and
 * {@code io.mezzo:type=Allocator}. Open types only, so a client needs none of Mezzo's classes.
 */
@Export
@Version("0.2.0")
package io.mezzo.api.jmx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
