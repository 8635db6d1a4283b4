/**
 * Live figures for the console's status line: meters joined, messages published, queue depth. Any component may
 * contribute by registering a {@link org.metermesh.api.status.StatusContributor} service.
 */
@Export
@Version("1.0.0")
package org.metermesh.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
