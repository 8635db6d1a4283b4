/**
 * RFC 6282 header compression for IPv6 over IEEE 802.15.4 and the RFC 4944 dispatch headers around it.
 *
 * <ul>
 *   <li>{@link org.metermesh.sixlowpan.iphc.IphcCodec}: LOWPAN_IPHC and LOWPAN_NHC (UDP, Hop-by-Hop, Routing,
 *       Destination Options) compression and decompression, and the uncompressed IPv6 dispatch; it is the
 *       {@link org.metermesh.sixlowpan.iphc.HeaderDecompressor} reassembly calls for first fragments.</li>
 *   <li>{@link org.metermesh.sixlowpan.iphc.ContextTable}: the 16 compression contexts, configured and updated by
 *       6LoWPAN-ND.</li>
 *   <li>{@link org.metermesh.sixlowpan.iphc.LowpanHeaders}, {@link org.metermesh.sixlowpan.iphc.MeshHeader},
 *       {@link org.metermesh.sixlowpan.iphc.Dispatch}: what is in front of a datagram, so a dispatcher can send
 *       fragments to reassembly and whole datagrams to the codec.</li>
 * </ul>
 *
 * Sans-I/O: no threads, no sockets, no OSGi. Every malformed input is a
 * {@link org.metermesh.sixlowpan.iphc.SixLowpanDecodeException} with a reason that names its drop counter.
 */
package org.metermesh.sixlowpan.iphc;
