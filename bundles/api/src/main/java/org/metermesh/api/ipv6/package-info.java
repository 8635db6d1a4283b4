/**
 * An immutable IPv6 packet model (RFC 8200) for the 6LoWPAN adaptation layer and RPL: addresses and prefixes, the
 * fixed header, the extension headers RPL needs (Hop-by-Hop Options with the RPL Option of RFC 6553, the RPL
 * Source Routing Header of RFC 6554, Destination Options), and UDP and ICMPv6 views with checksums over the IPv6
 * pseudo-header (RFC 8200 section 8.1). Value types only: no I/O, no threads, no state.
 */
@Export
@Version("0.2.0")
package org.metermesh.api.ipv6;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
