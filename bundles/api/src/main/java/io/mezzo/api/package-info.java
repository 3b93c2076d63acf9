/** Mezzo's public vocabulary: names and constants shared by every bundle. */
@Export
@Version("0.1.0")
package io.mezzo.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
