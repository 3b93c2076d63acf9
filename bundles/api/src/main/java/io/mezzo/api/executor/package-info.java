/**
 * The executor SPI: how an agent asks a pluggable executor to run, kill and re-attach to tasks.
 * Plain Java types only, so executors never see the wire protocol.
 */
@Export
@Version("0.1.0")
package io.mezzo.api.executor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
