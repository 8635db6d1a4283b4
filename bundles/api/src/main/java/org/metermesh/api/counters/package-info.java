/**
 * Per-reason event counters that every layer keeps and every console command and warning reads
 * (DESIGN.md, principle 5: every dropped frame is counted by its reason).
 */
@Export
@Version("1.1.0")
package org.metermesh.api.counters;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
