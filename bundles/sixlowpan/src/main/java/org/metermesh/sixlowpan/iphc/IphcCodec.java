package org.metermesh.sixlowpan.iphc;

import java.util.Arrays;
import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.ContextTable.Context;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * RFC 6282 header compression of IPv6 datagrams for IEEE 802.15.4: LOWPAN_IPHC with every TF, NH, HLIM, SAC/SAM,
 * M/DAC/DAM mode, stateless and through the {@link ContextTable}, LOWPAN_NHC for UDP and for the Hop-by-Hop, Routing
 * and Destination Options extension headers; and the uncompressed IPv6 dispatch of RFC 4944 section 5.1.
 *
 * <p>Sans-I/O and stateless apart from the shared context table: safe to use from the stack's event loop while ND
 * updates contexts. Limits come from {@link IphcSettings}. Decompression never throws anything but
 * {@link SixLowpanDecodeException} for any input octets.
 *
 * <p>Compression is exact: {@code decompress(compress(p, s, d), s, d)} equals {@code p} for every packet, as long as
 * the UDP checksum is carried and the context table is the same on both sides.
 */
public final class IphcCodec implements HeaderDecompressor {

    /** RFC 4944 section 5.1: 01000001, an uncompressed IPv6 header follows. */
    public static final int DISPATCH_IPV6 = 0x41;

    private final ContextTable contexts;
    private final IphcSettings settings;

    public IphcCodec(ContextTable contexts, IphcSettings settings) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A codec with {@link IphcSettings#defaults()}. */
    public IphcCodec(ContextTable contexts) {
        this(contexts, IphcSettings.defaults());
    }

    public ContextTable contexts() {
        return contexts;
    }

    public IphcSettings settings() {
        return settings;
    }

    // =============================================================================================================
    // compression
    // =============================================================================================================

    /**
     * A compressed datagram and where its compressed headers end, for the fragmenter: the first fragment must hold
     * all compressed headers, and fragment offsets count uncompressed octets (RFC 6282 section 2).
     *
     * @param bytes                    the 6LoWPAN datagram: IPHC dispatch, inline fields, NHC headers, the rest
     * @param compressedHeaderLength   octets of {@code bytes} taken by IPHC and NHC headers
     * @param uncompressedHeaderLength octets those headers stand for once decompressed (IPv6 header, NHC-compressed
     *                                 extension headers, UDP header)
     */
    public record Compressed(byte[] bytes, int compressedHeaderLength, int uncompressedHeaderLength) {

        /** The datagram_size of a fragmentation header: the size of the uncompressed IPv6 packet. */
        public int datagramSize() {
            return uncompressedHeaderLength + bytes.length - compressedHeaderLength;
        }
    }

    /**
     * Compresses a packet into a 6LoWPAN datagram starting with the IPHC dispatch.
     *
     * @param linkSource      the address elided source addresses are derived from: the MAC source, or the mesh
     *                        header's originator when one is used (RFC 6282 section 3.2.2); {@link MacAddress#NONE}
     *                        if there is none
     * @param linkDestination likewise for the destination
     */
    public byte[] compress(Ipv6Packet packet, MacAddress linkSource, MacAddress linkDestination) {
        return compressDatagram(packet, linkSource, linkDestination).bytes();
    }

    /** {@link #compress}, with the header lengths a fragmenter needs. */
    public Compressed compressDatagram(Ipv6Packet packet, MacAddress linkSource, MacAddress linkDestination) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(linkSource, "linkSource");
        Objects.requireNonNull(linkDestination, "linkDestination");
        return IphcCompressor.compress(packet, linkSource, linkDestination, contexts.snapshot(),
                settings.elideUdpChecksum());
    }

    /** The packet behind the uncompressed IPv6 dispatch 0x41 (RFC 4944 section 5.1), e.g. for a peer without IPHC. */
    public static byte[] encodeUncompressed(Ipv6Packet packet) {
        byte[] b = new byte[1 + packet.encodedLength()];
        b[0] = (byte) DISPATCH_IPV6;
        packet.encode(b, 1);
        return b;
    }

    // =============================================================================================================
    // decompression of whole datagrams
    // =============================================================================================================

    /** {@link #decompress(byte[], int, int, MacAddress, MacAddress)} of the whole array. */
    public Ipv6Packet decompress(byte[] payload, MacAddress linkSource, MacAddress linkDestination)
            throws SixLowpanDecodeException {
        return decompress(payload, 0, payload.length, linkSource, linkDestination);
    }

    /**
     * Decompresses an unfragmented datagram: the frame payload {@code payload[off, off+len)}, optionally led by a
     * mesh header (whose originator and final destination then stand in for the link-layer addresses) and a
     * LOWPAN_BC0 header, then IPHC or the uncompressed IPv6 dispatch. An elided UDP checksum (only if
     * {@link IphcSettings#acceptElidedUdpChecksum()}) is computed.
     *
     * @throws SixLowpanDecodeException FRAGMENTED for a fragment, which must go to reassembly, MALFORMED_IPV6 if the
     *                                  result is not a well-formed packet, or any decoding reason
     */
    public Ipv6Packet decompress(byte[] payload, int off, int len, MacAddress linkSource,
            MacAddress linkDestination) throws SixLowpanDecodeException {
        Objects.checkFromIndexSize(off, len, payload.length);
        LowpanHeaders lowpan = LowpanHeaders.parse(payload, off, len);
        if (lowpan.fragmented()) {
            throw new SixLowpanDecodeException(Reason.FRAGMENTED,
                    lowpan.dispatch() + " at offset " + (lowpan.offset() - off) + ": reassemble first");
        }
        int start = lowpan.offset();
        int length = off + len - start;
        Decompressed d = decompress(payload, start, length, lowpan.derivationSource(linkSource),
                lowpan.derivationDestination(linkDestination), -1);
        int rest = length - d.consumed();
        byte[] datagram = Arrays.copyOf(d.headers(), d.headers().length + rest);
        System.arraycopy(payload, start + d.consumed(), datagram, d.headers().length, rest);
        Ipv6Packet packet;
        try {
            packet = Ipv6Packet.decode(datagram);
        } catch (Ipv6FormatException e) {
            throw new SixLowpanDecodeException(Reason.MALFORMED_IPV6, e.getMessage());
        }
        if (d.udpChecksumElided()) {
            byte[] udp = packet.payload();
            int c = packet.upperLayerChecksum();  // over the datagram with its checksum field zero
            c = c == 0 ? 0xffff : c;
            udp[6] = (byte) (c >>> 8);
            udp[7] = (byte) c;
            packet = packet.toBuilder().payload(Ipv6Packet.UDP, udp).build();
        }
        return packet;
    }

    // =============================================================================================================
    // decompression of headers (HeaderDecompressor, also for first fragments)
    // =============================================================================================================

    /**
     * Decompresses the IPHC header and the NHC headers after it, or takes the 40-octet header after the uncompressed
     * IPv6 dispatch (then {@code consumed} is 41 and nothing else is touched). {@code data[offset]} must be that
     * dispatch: mesh, broadcast and fragmentation headers are the caller's (see {@link LowpanHeaders}).
     */
    @Override
    public Decompressed decompress(byte[] data, int offset, int length, MacAddress source, MacAddress destination,
            int datagramSize) throws SixLowpanDecodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (datagramSize < -1) {
            throw new SixLowpanDecodeException(Reason.BAD_LENGTH, "datagram size " + datagramSize);
        }
        if (datagramSize > settings.maxDatagramSize()) {
            throw new SixLowpanDecodeException(Reason.TOO_LARGE, "datagram of " + datagramSize
                    + " octets exceeds " + settings.maxDatagramSize());
        }
        ByteSource in = new ByteSource(data, offset, length);
        int d0 = in.u8("dispatch");
        if (d0 == DISPATCH_IPV6) {
            return uncompressed(data, offset, length, datagramSize);
        }
        Dispatch dispatch = Dispatch.of(d0);
        if (dispatch != Dispatch.IPHC) {
            throw new SixLowpanDecodeException(dispatch == Dispatch.NALP ? Reason.NOT_LOWPAN : Reason.UNKNOWN_DISPATCH,
                    String.format("dispatch 0x%02x (%s) where IPHC or IPv6 was expected", d0, dispatch));
        }
        return new Iphc(in, source, destination, datagramSize).decode(d0);
    }

    /** RFC 4944 section 5.1: the uncompressed IPv6 header follows the 0x41 dispatch as it is. */
    private Decompressed uncompressed(byte[] data, int offset, int length, int datagramSize)
            throws SixLowpanDecodeException {
        if (length < 1 + Ipv6Packet.HEADER_LENGTH) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED,
                    "uncompressed IPv6 header needs 40 octets after the dispatch, got " + (length - 1));
        }
        if ((data[offset + 1] & 0xf0) != 0x60) {
            throw new SixLowpanDecodeException(Reason.MALFORMED_IPV6,
                    "IP version " + ((data[offset + 1] & 0xff) >>> 4) + " after the IPv6 dispatch");
        }
        int total = datagramSize < 0 ? length - 1 : datagramSize;
        if (total > settings.maxDatagramSize()) {
            throw new SixLowpanDecodeException(Reason.TOO_LARGE,
                    "datagram of " + total + " octets exceeds " + settings.maxDatagramSize());
        }
        if (datagramSize >= 0 && datagramSize < length - 1) {
            throw new SixLowpanDecodeException(Reason.BAD_LENGTH, "fragment of " + (length - 1)
                    + " octets exceeds datagram size " + datagramSize);
        }
        return new Decompressed(Arrays.copyOfRange(data, offset + 1, offset + 1 + Ipv6Packet.HEADER_LENGTH),
                1 + Ipv6Packet.HEADER_LENGTH, false);
    }

    /** Decoding state of one IPHC header and its NHC headers (RFC 6282 sections 3 and 4). */
    private final class Iphc {
        private final ByteSource in;
        private final MacAddress linkSource;
        private final MacAddress linkDestination;
        private final int datagramSize;
        private final Context[] table = contexts.snapshot();

        Iphc(ByteSource in, MacAddress linkSource, MacAddress linkDestination, int datagramSize) {
            this.in = in;
            this.linkSource = linkSource;
            this.linkDestination = linkDestination;
            this.datagramSize = datagramSize;
        }

        Decompressed decode(int d0) throws SixLowpanDecodeException {
            int d1 = in.u8("IPHC second octet");
            int tf = (d0 >>> 3) & 0x03;
            boolean nhc = (d0 & 0x04) != 0;
            int hlim = d0 & 0x03;
            boolean cid = (d1 & 0x80) != 0;
            boolean sac = (d1 & 0x40) != 0;
            int sam = (d1 >>> 4) & 0x03;
            boolean multicast = (d1 & 0x08) != 0;
            boolean dac = (d1 & 0x04) != 0;
            int dam = d1 & 0x03;
            // RFC 6282 section 3.1.1: M=0 DAC=1 DAM=00 and M=1 DAC=1 DAM=01..11 are reserved
            if (dac && !multicast && dam == 0) {
                throw new SixLowpanDecodeException(Reason.RESERVED_MODE, "DAC=1 DAM=00 with M=0 is reserved");
            }
            if (dac && multicast && dam != 0) {
                throw new SixLowpanDecodeException(Reason.RESERVED_MODE,
                        "M=1 DAC=1 DAM=" + Integer.toBinaryString(4 | dam).substring(1) + " is reserved");
            }
            int sci = 0;
            int dci = 0;
            if (cid) {
                int c = in.u8("CID extension");
                sci = c >>> 4;
                dci = c & 0x0f;
            }

            // Traffic Class and Flow Label: the inline ECN and DSCP are in that order, unlike the IPv6 header
            int trafficClass = 0;
            int flowLabel = 0;
            switch (tf) {
                case 0: {
                    int b = in.u8("ECN+DSCP");
                    trafficClass = ((b & 0x3f) << 2) | (b >>> 6);
                    flowLabel = ((in.u8("flow label") & 0x0f) << 16) | in.u16("flow label");
                    break;
                }
                case 1: {
                    int b = in.u8("ECN+flow label");
                    trafficClass = b >>> 6;
                    flowLabel = ((b & 0x0f) << 16) | in.u16("flow label");
                    break;
                }
                case 2: {
                    int b = in.u8("ECN+DSCP");
                    trafficClass = ((b & 0x3f) << 2) | (b >>> 6);
                    break;
                }
                default:
                    break;
            }
            int nextHeader = nhc ? -1 : in.u8("next header");
            int hopLimit;
            switch (hlim) {
                case 1:
                    hopLimit = 1;
                    break;
                case 2:
                    hopLimit = 64;
                    break;
                case 3:
                    hopLimit = 255;
                    break;
                default:
                    hopLimit = in.u8("hop limit");
            }
            Ipv6Address source = sac && sam == 0 ? Ipv6Address.UNSPECIFIED
                    : unicast(sac, sam, sci, linkSource, "source");
            Ipv6Address destination = multicast ? multicast(dac, dam, dci)
                    : unicast(dac, dam, dci, linkDestination, "destination");

            ByteSink out = new ByteSink(64);
            out.skip(Ipv6Packet.HEADER_LENGTH);
            int udpStart = -1;
            boolean udpChecksumElided = false;
            if (nhc) {
                int nextHeaderAt = 6;
                int count = 0;
                while (true) {
                    int b = in.u8("LOWPAN_NHC header");
                    if (++count > settings.maxNhcHeaders()) {
                        throw new SixLowpanDecodeException(Reason.TOO_MANY_HEADERS,
                                "more than " + settings.maxNhcHeaders() + " LOWPAN_NHC headers");
                    }
                    if ((b & 0xf0) == 0xe0) {
                        nextHeaderAt = extensionHeader(b, count == 1, out, nextHeaderAt);
                        if ((b & 0x01) == 0) {
                            break;
                        }
                    } else if ((b & 0xf8) == 0xf0) {
                        out.set(nextHeaderAt, Ipv6Packet.UDP);
                        udpStart = out.size();
                        udpChecksumElided = udp(b, out);
                        break;
                    } else {
                        throw new SixLowpanDecodeException(Reason.UNSUPPORTED_NEXT_HEADER,
                                String.format("LOWPAN_NHC octet 0x%02x is not defined (RFC 6282 section 4.1)", b));
                    }
                }
            } else {
                out.set(6, nextHeader);
            }

            int headersLength = out.size();
            int rest = in.remaining();
            int total;
            if (datagramSize < 0) {
                total = headersLength + rest;
                if (total > settings.maxDatagramSize()) {
                    throw new SixLowpanDecodeException(Reason.TOO_LARGE,
                            "datagram of " + total + " octets exceeds " + settings.maxDatagramSize());
                }
            } else {
                if (datagramSize < headersLength + rest) {
                    throw new SixLowpanDecodeException(Reason.BAD_LENGTH, "datagram size " + datagramSize
                            + " is less than the " + (headersLength + rest) + " octets this fragment holds");
                }
                total = datagramSize;
            }
            if (udpStart >= 0) {
                out.set16(udpStart + 4, total - udpStart);  // RFC 6282 4.3.3: the UDP Length is always elided
            }
            byte[] h = out.array();
            h[0] = (byte) (0x60 | (trafficClass >>> 4));
            h[1] = (byte) (((trafficClass & 0x0f) << 4) | (flowLabel >>> 16));
            h[2] = (byte) (flowLabel >>> 8);
            h[3] = (byte) flowLabel;
            out.set16(4, total - Ipv6Packet.HEADER_LENGTH);  // RFC 6282 3.1.1: Payload Length is always elided
            h[7] = (byte) hopLimit;
            source.writeTo(h, 8);
            destination.writeTo(h, 24);
            return new Decompressed(out.toArray(), in.consumed(), udpChecksumElided);
        }

        /**
         * RFC 6282 section 4.2: {@code 1110 EID NH}, the Next Header octet unless NH, a Length octet counting the
         * octets that follow it, then the header from its third octet on. Options headers are padded back to a
         * multiple of 8 octets with Pad1 or PadN.
         *
         * @return where the Next Header field of this header is in {@code out}
         */
        private int extensionHeader(int b, boolean first, ByteSink out, int nextHeaderAt)
                throws SixLowpanDecodeException {
            int eid = (b >>> 1) & 0x07;
            int protocol;
            switch (eid) {
                case 0:
                    if (!first) {
                        throw new SixLowpanDecodeException(Reason.BAD_EXTENSION_HEADER,
                                "Hop-by-Hop Options must follow the IPv6 header immediately (RFC 8200 4.1)");
                    }
                    protocol = Ipv6Packet.HOP_BY_HOP;
                    break;
                case 1:
                    protocol = Ipv6Packet.ROUTING;
                    break;
                case 3:
                    protocol = Ipv6Packet.DESTINATION_OPTIONS;
                    break;
                case 2:
                    throw new SixLowpanDecodeException(Reason.UNSUPPORTED_NEXT_HEADER,
                            "NHC EID 2 (IPv6 Fragment header) is not supported");
                case 4:
                    throw new SixLowpanDecodeException(Reason.UNSUPPORTED_NEXT_HEADER,
                            "NHC EID 4 (Mobility header) is not supported");
                case 7:
                    throw new SixLowpanDecodeException(Reason.UNSUPPORTED_NEXT_HEADER,
                            "NHC EID 7 (IPv6 encapsulation) is not supported");
                default:
                    throw new SixLowpanDecodeException(Reason.RESERVED_MODE,
                            "NHC EID " + eid + " is reserved (RFC 6282 section 4.2)");
            }
            out.set(nextHeaderAt, protocol);
            int inlineNext = (b & 0x01) == 0 ? in.u8("extension header next header") : -1;
            int length = in.u8("extension header length");
            int start = out.size();
            out.skip(2);
            in.copyTo(out, length, "extension header");
            int total = 2 + length;
            if (protocol == Ipv6Packet.ROUTING) {
                if (total % 8 != 0) {
                    throw new SixLowpanDecodeException(Reason.BAD_EXTENSION_HEADER,
                            "NHC routing header of " + total + " octets is not a multiple of 8");
                }
            } else {
                int pad = (8 - total % 8) % 8;
                if (pad == 1) {
                    out.put(0);  // Pad1
                } else if (pad > 1) {
                    out.put(1);  // PadN
                    out.put(pad - 2);
                    out.skip(pad - 2);
                }
                total += pad;
            }
            out.set(start + 1, total / 8 - 1);
            if (inlineNext >= 0) {
                out.set(start, inlineNext);
            }
            return start;
        }

        /**
         * RFC 6282 section 4.3: {@code 11110 C P}; ports per P (00: 16+16 bits, 01: 16 + 0xF0XX, 10: 0xF0XX + 16,
         * 11: 0xF0BX + 0xF0BX in one octet); the checksum unless C.
         *
         * @return whether the checksum was elided
         */
        private boolean udp(int b, ByteSink out) throws SixLowpanDecodeException {
            boolean elided = (b & 0x04) != 0;
            if (elided && !settings.acceptElidedUdpChecksum()) {
                throw new SixLowpanDecodeException(Reason.ELIDED_CHECKSUM_REFUSED,
                        "UDP checksum elided (RFC 6282 section 4.3.2) and not allowed here");
            }
            int srcPort;
            int dstPort;
            switch (b & 0x03) {
                case 0:
                    srcPort = in.u16("UDP source port");
                    dstPort = in.u16("UDP destination port");
                    break;
                case 1:
                    srcPort = in.u16("UDP source port");
                    dstPort = 0xf000 | in.u8("UDP destination port");
                    break;
                case 2:
                    srcPort = 0xf000 | in.u8("UDP source port");
                    dstPort = in.u16("UDP destination port");
                    break;
                default:
                    int ports = in.u8("UDP ports");
                    srcPort = 0xf0b0 | (ports >>> 4);
                    dstPort = 0xf0b0 | (ports & 0x0f);
            }
            int checksum = elided ? 0 : in.u16("UDP checksum");
            out.put16(srcPort);
            out.put16(dstPort);
            out.put16(0);  // length, set when the datagram size is known
            out.put16(checksum);
            return elided;
        }

        /** SAC/SAM or DAC/DAM with M=0 (RFC 6282 section 3.1.1). */
        private Ipv6Address unicast(boolean stateful, int mode, int contextId, MacAddress link, String which)
                throws SixLowpanDecodeException {
            if (!stateful) {
                switch (mode) {
                    case 0:
                        return address(which);
                    case 1:
                        return Ipv6Address.linkLocal(in.u64(which + " interface identifier"));
                    case 2:
                        return Ipv6Address.linkLocal(0x0000_00ff_fe00_0000L | in.u16(which + " short address"));
                    default:
                        return Ipv6Address.linkLocal(linkInterfaceId(link, which));
                }
            }
            Context c = context(contextId, which);
            long iid;
            switch (mode) {
                case 1:
                    iid = in.u64(which + " interface identifier");
                    break;
                case 2:
                    iid = 0x0000_00ff_fe00_0000L | in.u16(which + " short address");
                    break;
                default:
                    iid = linkInterfaceId(link, which);
            }
            return IphcCompressor.merge(c, iid);
        }

        /** DAC/DAM with M=1 (RFC 6282 section 3.1.1). */
        private Ipv6Address multicast(boolean stateful, int mode, int contextId) throws SixLowpanDecodeException {
            byte[] a = new byte[Ipv6Address.LENGTH];
            a[0] = (byte) 0xff;
            if (stateful) {
                // RFC 3306 unicast-prefix-based form ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX (RFC 6282 3.2.4)
                Context c = context(contextId, "destination");
                in.read(a, 1, 2, "multicast destination");
                a[3] = (byte) Math.min(64, c.prefix().length());
                long p = c.prefix().address().high();
                for (int i = 0; i < 8; i++) {
                    a[4 + i] = (byte) (p >>> (56 - 8 * i));
                }
                in.read(a, 12, 4, "multicast destination");
                return Ipv6Address.of(a);
            }
            switch (mode) {
                case 0:
                    return address("destination");
                case 1:  // ffXX::00XX:XXXX:XXXX
                    in.read(a, 1, 1, "multicast destination");
                    in.read(a, 11, 5, "multicast destination");
                    return Ipv6Address.of(a);
                case 2:  // ffXX::00XX:XXXX
                    in.read(a, 1, 1, "multicast destination");
                    in.read(a, 13, 3, "multicast destination");
                    return Ipv6Address.of(a);
                default:  // ff02::00XX
                    a[1] = 0x02;
                    in.read(a, 15, 1, "multicast destination");
                    return Ipv6Address.of(a);
            }
        }

        private Ipv6Address address(String which) throws SixLowpanDecodeException {
            byte[] a = new byte[Ipv6Address.LENGTH];
            in.read(a, 0, a.length, which + " address");
            return Ipv6Address.of(a);
        }

        private Context context(int id, String which) throws SixLowpanDecodeException {
            Context c = table[id];
            if (c == null) {
                throw new SixLowpanDecodeException(Reason.UNKNOWN_CONTEXT,
                        which + " context " + id + " is not configured");
            }
            return c;
        }

        private long linkInterfaceId(MacAddress link, String which) throws SixLowpanDecodeException {
            if (link.mode() == AddressingMode.NONE) {
                throw new SixLowpanDecodeException(Reason.NO_LINK_ADDRESS,
                        which + " address is elided but the frame has no " + which + " link-layer address");
            }
            return Ipv6Address.interfaceIdOf(link);
        }
    }
}
