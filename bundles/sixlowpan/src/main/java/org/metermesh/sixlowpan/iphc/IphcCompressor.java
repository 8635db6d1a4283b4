package org.metermesh.sixlowpan.iphc;

import java.util.List;

import org.metermesh.api.ipv6.DestinationOptions;
import org.metermesh.api.ipv6.ExtensionHeader;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Option;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.ContextTable.Context;

/**
 * RFC 6282 compression of one packet: picks for every field the shortest encoding that decompresses to exactly the
 * same packet. Stateless, apart from the context snapshot it is given.
 */
final class IphcCompressor {

    private IphcCompressor() {
    }

    /** How one address is encoded: AC bit, AM bits, context id, inline octets. */
    private record AddressMode(boolean stateful, int mode, int context, byte[] inline) {
    }

    static IphcCodec.Compressed compress(Ipv6Packet p, MacAddress linkSource, MacAddress linkDestination,
            Context[] contexts, boolean elideUdpChecksum) {
        List<ExtensionHeader> ext = p.extensionHeaders();
        byte[] payload = p.payload();

        // ---- which headers travel as LOWPAN_NHC (RFC 6282 section 4) ----
        byte[][] bodies = new byte[ext.size()][];
        int nhcExt = 0;
        for (int i = 0; i < ext.size(); i++) {
            byte[] body = nhcBody(ext.get(i), nextProtocol(p, i));
            if (body.length > 255) {
                break;  // the NHC Length octet cannot say it: this and the following headers go inline
            }
            bodies[i] = body;
            nhcExt++;
        }
        boolean udpNhc = nhcExt == ext.size() && p.upperLayerProtocol() == Ipv6Packet.UDP && payload.length >= 8
                && (((payload[4] & 0xff) << 8) | (payload[5] & 0xff)) == payload.length;

        ByteSink out = new ByteSink(64 + payload.length);
        out.skip(2);  // IPHC base, filled in at the end

        // ---- addresses first, to know whether a CID octet is needed ----
        AddressMode src = p.source().isUnspecified() ? new AddressMode(true, 0, 0, new byte[0])
                : unicast(p.source(), linkSource, contexts);
        AddressMode dst = p.destination().isMulticast() ? multicast(p.destination(), contexts)
                : unicast(p.destination(), linkDestination, contexts);
        boolean cid = src.context != 0 || dst.context != 0;
        if (cid) {
            out.put((src.context << 4) | dst.context);
        }

        // ---- Traffic Class and Flow Label (RFC 6282 section 3.1.1, TF) ----
        int tc = p.trafficClass();
        int flow = p.flowLabel();
        int ecn = tc & 0x03;
        int dscp = tc >>> 2;
        int tf;
        if (tc == 0 && flow == 0) {
            tf = 3;
        } else if (flow == 0) {
            tf = 2;
            out.put((ecn << 6) | dscp);
        } else if (dscp == 0) {
            tf = 1;
            out.put((ecn << 6) | (flow >>> 16));
            out.put16(flow & 0xffff);
        } else {
            tf = 0;
            out.put((ecn << 6) | dscp);
            out.put(flow >>> 16);
            out.put16(flow & 0xffff);
        }

        // ---- Next Header (NH) and Hop Limit (HLIM) ----
        boolean nh = nhcExt > 0 || udpNhc;
        if (!nh) {
            out.put(p.nextHeader());
        }
        int hlim;
        switch (p.hopLimit()) {
            case 1:
                hlim = 1;
                break;
            case 64:
                hlim = 2;
                break;
            case 255:
                hlim = 3;
                break;
            default:
                hlim = 0;
                out.put(p.hopLimit());
        }

        out.put(src.inline);
        out.put(dst.inline);

        out.set(0, 0x60 | (tf << 3) | (nh ? 0x04 : 0) | hlim);
        out.set(1, (cid ? 0x80 : 0) | (src.stateful ? 0x40 : 0) | (src.mode << 4)
                | (p.destination().isMulticast() ? 0x08 : 0) | (dst.stateful ? 0x04 : 0) | dst.mode);

        // ---- LOWPAN_NHC extension headers (RFC 6282 section 4.2) ----
        int uncompressedHeaders = Ipv6Packet.HEADER_LENGTH;
        for (int i = 0; i < nhcExt; i++) {
            ExtensionHeader h = ext.get(i);
            boolean nextIsNhc = i + 1 < nhcExt || (i + 1 == ext.size() && udpNhc);
            out.put(0xe0 | (eid(h) << 1) | (nextIsNhc ? 1 : 0));
            if (!nextIsNhc) {
                out.put(nextProtocol(p, i));
            }
            out.put(bodies[i].length);
            out.put(bodies[i]);
            uncompressedHeaders += h.length();
        }

        // ---- LOWPAN_NHC UDP header (RFC 6282 section 4.3) ----
        int payloadStart = 0;
        if (udpNhc) {
            int srcPort = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            int dstPort = ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
            int checksum = ((payload[6] & 0xff) << 8) | (payload[7] & 0xff);
            int c = elideUdpChecksum ? 0x04 : 0;
            if ((srcPort & 0xfff0) == 0xf0b0 && (dstPort & 0xfff0) == 0xf0b0) {
                out.put(0xf3 | c);
                out.put(((srcPort & 0x0f) << 4) | (dstPort & 0x0f));
            } else if ((dstPort & 0xff00) == 0xf000) {
                out.put(0xf1 | c);
                out.put16(srcPort);
                out.put(dstPort & 0xff);
            } else if ((srcPort & 0xff00) == 0xf000) {
                out.put(0xf2 | c);
                out.put(srcPort & 0xff);
                out.put16(dstPort);
            } else {
                out.put(0xf0 | c);
                out.put16(srcPort);
                out.put16(dstPort);
            }
            if (!elideUdpChecksum) {
                out.put16(checksum);
            }
            payloadStart = 8;
            uncompressedHeaders += 8;
        }
        int compressedHeaders = out.size();

        // ---- whatever was not compressed follows as it is ----
        for (int i = nhcExt; i < ext.size(); i++) {
            out.put(ext.get(i).encode(nextProtocol(p, i)));
        }
        out.put(payload, payloadStart, payload.length - payloadStart);
        return new IphcCodec.Compressed(out.toArray(), compressedHeaders, uncompressedHeaders);
    }

    /** The protocol number that follows extension header {@code i}. */
    private static int nextProtocol(Ipv6Packet p, int i) {
        List<ExtensionHeader> ext = p.extensionHeaders();
        return i + 1 < ext.size() ? ext.get(i + 1).protocol() : p.upperLayerProtocol();
    }

    /** RFC 6282 section 4.2 EID: 0 Hop-by-Hop, 1 Routing, 3 Destination Options. */
    private static int eid(ExtensionHeader h) {
        switch (h.protocol()) {
            case Ipv6Packet.HOP_BY_HOP:
                return 0;
            case Ipv6Packet.ROUTING:
                return 1;
            default:
                return 3;
        }
    }

    /**
     * The octets after Next Header and Length that the NHC header carries: the rest of the header, less a single
     * trailing Pad1 or PadN of at most 7 octets in an options header, which RFC 6282 section 4.2 lets the compressor
     * elide because the decompressor pads to a multiple of 8 octets with exactly that option again.
     */
    private static byte[] nhcBody(ExtensionHeader h, int nextHeader) {
        byte[] enc = h.encode(nextHeader);
        int elide = 0;
        List<Ipv6Option> options = h instanceof HopByHopOptions hbh ? hbh.options()
                : h instanceof DestinationOptions d ? d.options() : List.of();
        if (!options.isEmpty()) {
            Ipv6Option last = options.get(options.size() - 1);
            if ((last instanceof Ipv6Option.Pad1 || last instanceof Ipv6Option.PadN) && last.length() <= 7) {
                elide = last.length();
            }
        }
        return java.util.Arrays.copyOfRange(enc, 2, enc.length - elide);
    }

    // ---- addresses (RFC 6282 section 3.1.1 SAC/SAM, M/DAC/DAM) ----

    /** The shortest encoding of a unicast address: stateless for fe80::/64, else through a context, else inline. */
    private static AddressMode unicast(Ipv6Address a, MacAddress link, Context[] contexts) {
        AddressMode best = new AddressMode(false, 0, 0, a.toBytes());
        if (a.high() == Ipv6Address.LINK_LOCAL_PREFIX) {
            if (link.mode() != AddressingMode.NONE
                    && a.low() == Ipv6Address.interfaceIdOf(link)) {
                return new AddressMode(false, 3, 0, new byte[0]);
            }
            best = (a.low() & 0xffff_ffff_ffff_0000L) == 0x0000_00ff_fe00_0000L
                    ? new AddressMode(false, 2, 0, u16(a.low()))
                    : new AddressMode(false, 1, 0, u64(a.low()));
        }
        for (Context c : contexts) {
            if (c == null || !c.compression()) {
                continue;
            }
            AddressMode candidate = stateful(a, link, c);
            if (candidate != null && candidate.inline.length < best.inline.length) {
                best = candidate;
            }
        }
        return best;
    }

    /** The shortest stateful encoding through context {@code c} that decompresses to {@code a}, or null. */
    private static AddressMode stateful(Ipv6Address a, MacAddress link, Context c) {
        if (link.mode() != AddressingMode.NONE
                && merge(c, Ipv6Address.interfaceIdOf(link)).equals(a)) {
            return new AddressMode(true, 3, c.id(), new byte[0]);
        }
        long shortIid = 0x0000_00ff_fe00_0000L | (a.low() & 0xffff);
        if (merge(c, shortIid).equals(a)) {
            return new AddressMode(true, 2, c.id(), u16(a.low()));
        }
        if (merge(c, a.low()).equals(a)) {
            return new AddressMode(true, 1, c.id(), u64(a.low()));
        }
        return null;
    }

    /**
     * The address a stateful mode decompresses to (RFC 6282 section 3.1.1): the context's bits, the interface
     * identifier's bits where the context does not reach, and zeros between.
     */
    static Ipv6Address merge(Context c, long interfaceId) {
        Ipv6Address prefix = c.prefix().address();
        int len = c.prefix().length();
        long hm = len <= 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
        long lm = len <= 64 ? 0 : len >= 128 ? -1L : -1L << (128 - len);
        return Ipv6Address.of(prefix.high() & hm, (prefix.low() & lm) | (interfaceId & ~lm));
    }

    /** The shortest encoding of a multicast address (RFC 6282 section 3.1.1, M=1). */
    private static AddressMode multicast(Ipv6Address a, Context[] contexts) {
        long hi = a.high();
        long lo = a.low();
        if (hi == 0xff02_0000_0000_0000L && (lo & ~0xffL) == 0) {
            return new AddressMode(false, 3, 0, new byte[] {(byte) lo});  // ff02::00XX
        }
        if ((hi & 0x0000_ffff_ffff_ffffL) == 0 && (lo & 0xffff_ffff_ff00_0000L) == 0) {
            return new AddressMode(false, 2, 0, octets(a, 1, 13, 14, 15));  // ffXX::00XX:XXXX
        }
        if ((hi & 0x0000_ffff_ffff_ffffL) == 0 && (lo & 0xffff_ff00_0000_0000L) == 0) {
            return new AddressMode(false, 1, 0, octets(a, 1, 11, 12, 13, 14, 15));  // ffXX::00XX:XXXX:XXXX
        }
        for (Context c : contexts) {
            if (c == null || !c.compression() || c.prefix().length() > 64) {
                continue;
            }
            // RFC 3306 unicast-prefix-based: ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX, LL and P from the context
            long ctxHigh = c.prefix().address().high();
            long rebuiltHigh = (hi & 0xffff_ff00_0000_0000L) | ((long) c.prefix().length() << 32) | (ctxHigh >>> 32);
            long rebuiltLow = (ctxHigh << 32) | (lo & 0xffff_ffffL);
            if (rebuiltHigh == hi && rebuiltLow == lo) {
                return new AddressMode(true, 0, c.id(), octets(a, 1, 2, 12, 13, 14, 15));
            }
        }
        return new AddressMode(false, 0, 0, a.toBytes());
    }

    private static byte[] octets(Ipv6Address a, int... indexes) {
        byte[] b = new byte[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            b[i] = (byte) a.octet(indexes[i]);
        }
        return b;
    }

    private static byte[] u16(long v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
