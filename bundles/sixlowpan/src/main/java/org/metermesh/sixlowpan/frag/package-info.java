/**
 * RFC 4944 section 5.3 fragmentation and reassembly of 6LoWPAN datagrams: {@link
 * org.metermesh.sixlowpan.frag.Fragmenter} splits a compressed datagram into FRAG1/FRAGN frame payloads, {@link
 * org.metermesh.sixlowpan.frag.Reassembler} puts fragments back together into uncompressed IPv6 packets within a
 * bounded memory budget and a reassembly timeout on the stack's scheduler. Plain Java, no threads, no I/O (sans-I/O
 * cores, DESIGN.md principle 2). The memory policy and the defaults, with their sources, are explained in the
 * bundle's DESIGN-NOTES.md. Not exported: used by the 6LoWPAN adaptation layer inside this bundle.
 */
package org.metermesh.sixlowpan.frag;
