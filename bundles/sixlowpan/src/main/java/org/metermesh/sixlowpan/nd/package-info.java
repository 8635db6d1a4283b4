/**
 * 6LoWPAN Neighbor Discovery (RFC 6775, with the RFC 8505 EARO) at the level of ICMPv6 messages: {@link
 * org.metermesh.sixlowpan.nd.NdCodec} encodes and decodes RS, RA, NS and NA with the SLLAO/TLLAO (RFC 4944 section
 * 8), PIO, ARO/EARO, 6CO and ABRO options, with typed {@link org.metermesh.sixlowpan.nd.NdDecodeException}s; {@link
 * org.metermesh.sixlowpan.nd.RegistrationTable} keeps the gateway's address registrations with their lifetimes on
 * the scheduler; {@link org.metermesh.sixlowpan.nd.NdResponder} answers RS with RA and NS(ARO) with NA(ARO).
 * Addresses are 16-octet arrays until the api bundle's IPv6 model is available; {@link
 * org.metermesh.sixlowpan.nd.PseudoHeaderChecksum} computes the ICMPv6 checksum. Plain Java, no threads, no I/O.
 * Not exported: used by the 6LoWPAN adaptation layer inside this bundle.
 */
package org.metermesh.sixlowpan.nd;
