/**
 * Field error codes and the EventAdmin topics under which MeterMesh publishes them
 * (DESIGN.md, principle 5).
 */
@Export
@Version("1.0.0")
package org.metermesh.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
