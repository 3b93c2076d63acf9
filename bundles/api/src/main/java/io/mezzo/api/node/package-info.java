/** Read-only views of a Mezzo node (agent) for the console, JMX and tests. */
@Export
@Version("0.1.0")
package io.mezzo.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
