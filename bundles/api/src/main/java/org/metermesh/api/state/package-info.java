/**
 * Durable state that must survive a bundle update or a gateway restart (DESIGN.md, principle 1).
 */
@Export
@Version("1.0.0")
package org.metermesh.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
