/**
 * The radio driver service at the bottom of the stack: IEEE 802.15.4 / 802.15.4g.
 */
@Export
@Version("0.2.0")
package org.metermesh.api.radio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
