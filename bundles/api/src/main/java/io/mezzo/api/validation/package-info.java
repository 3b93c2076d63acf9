/**
 * Pure validation of what schedulers send, with Mesos' reasons: scheduler calls (answered 400)
 * and tasks in a LAUNCH (answered with TASK_ERROR).
 */
@Export
@Version("0.2.0")
package io.mezzo.api.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
