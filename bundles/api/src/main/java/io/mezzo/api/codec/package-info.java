/**
 * Wire encodings shared by every Mezzo endpoint and client: RecordIO framing of event streams and
 * the Mesos-compatible JSON and protobuf encodings of the v1 messages.
 */
@Export
@Version("0.1.0")
package io.mezzo.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
