/**
 * Time and scheduling for protocol cores: one abstraction for real time in the gateway and virtual,
 * discrete-event time in the simulator (DESIGN.md, principle 3).
 */
@Export
@Version("1.1.0")
package org.metermesh.api.clock;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
