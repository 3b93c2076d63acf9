/**
 * Read-only views of the master's state and the operator operations on it, for the console, JMX
 * and other in-process consumers. Records only: no protobuf types cross this boundary.
 */
@Export
@Version("1.3.0")
package io.mezzo.api.master;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
