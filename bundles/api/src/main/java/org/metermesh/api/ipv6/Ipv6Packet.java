package org.metermesh.api.ipv6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable IPv6 packet (RFC 8200 section 3): the fixed header fields, a chain of
 * {@linkplain ExtensionHeader extension headers} and the upper-layer payload with its protocol number. The Payload
 * Length and every Next Header field are derived, so a packet is consistent by construction.
 *
 * <p>Decoding walks the Hop-by-Hop Options (0), Routing (43) and Destination Options (60) headers; any other Next
 * Header value, the Fragment header (44) included, ends the chain and the rest is the upper-layer payload. So
 * {@code decode(p.encode())} equals {@code p} for every packet, and {@code decode(b).encode()} equals {@code b} for
 * every accepted {@code b} save for reserved bits, which decoding ignores (RFC 6553, RFC 6554).
 *
 * <p>Build one with {@link #builder()}.
 */
public final class Ipv6Packet {

    /** Octets of the fixed header (RFC 8200 section 3). */
    public static final int HEADER_LENGTH = 40;
    /** The largest Payload Length without a Jumbo Payload option (RFC 8200 section 3). */
    public static final int MAX_PAYLOAD_LENGTH = 0xffff;

    /** Next Header values (IANA Assigned Internet Protocol Numbers). */
    public static final int HOP_BY_HOP = 0;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6 = 41;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;

    private static final byte[] EMPTY = new byte[0];

    private final int trafficClass;
    private final int flowLabel;
    private final int hopLimit;
    private final Ipv6Address source;
    private final Ipv6Address destination;
    private final List<ExtensionHeader> extensionHeaders;
    private final int upperLayerProtocol;
    private final byte[] payload;

    private Ipv6Packet(Builder b, byte[] payload) {
        this.trafficClass = b.trafficClass;
        this.flowLabel = b.flowLabel;
        this.hopLimit = b.hopLimit;
        this.source = Objects.requireNonNull(b.source, "source");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.extensionHeaders = List.copyOf(b.extensionHeaders);
        this.upperLayerProtocol = b.upperLayerProtocol;
        this.payload = payload;
        for (int i = 0; i < extensionHeaders.size(); i++) {
            if (i > 0 && extensionHeaders.get(i) instanceof HopByHopOptions) {
                throw new IllegalArgumentException(
                        "the Hop-by-Hop Options header must immediately follow the IPv6 header (RFC 8200 4.1)");
            }
        }
        if (upperLayerProtocol == HOP_BY_HOP || upperLayerProtocol == ROUTING
                || upperLayerProtocol == DESTINATION_OPTIONS) {
            throw new IllegalArgumentException("upper-layer protocol " + upperLayerProtocol
                    + " is an extension header: add it as an ExtensionHeader");
        }
        if (payloadLength() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payloadLength() + " octets exceeds 65535");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this packet's fields, to derive a modified packet. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.trafficClass = trafficClass;
        b.flowLabel = flowLabel;
        b.hopLimit = hopLimit;
        b.source = source;
        b.destination = destination;
        b.extensionHeaders.addAll(extensionHeaders);
        b.upperLayerProtocol = upperLayerProtocol;
        b.payload = payload;
        return b;
    }

    // ---- fields ----

    /** Traffic Class, 0-255: DSCP in the upper six bits, ECN in the lower two (RFC 8200 section 7). */
    public int trafficClass() {
        return trafficClass;
    }

    /** Flow Label, 0-0xfffff (RFC 8200 section 6). */
    public int flowLabel() {
        return flowLabel;
    }

    public int hopLimit() {
        return hopLimit;
    }

    public Ipv6Address source() {
        return source;
    }

    public Ipv6Address destination() {
        return destination;
    }

    public List<ExtensionHeader> extensionHeaders() {
        return extensionHeaders;
    }

    /** The Next Header value of the last header: the protocol of {@link #payload()}. */
    public int upperLayerProtocol() {
        return upperLayerProtocol;
    }

    /** The Next Header field of the IPv6 header: the first extension header's protocol, or the upper layer's. */
    public int nextHeader() {
        return extensionHeaders.isEmpty() ? upperLayerProtocol : extensionHeaders.get(0).protocol();
    }

    /** The upper-layer payload (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadSize() {
        return payload.length;
    }

    /** The Payload Length field: extension headers and upper-layer payload. */
    public int payloadLength() {
        int n = payload.length;
        for (ExtensionHeader h : extensionHeaders) {
            n += h.length();
        }
        return n;
    }

    /** Octets of the whole encoded packet. */
    public int encodedLength() {
        return HEADER_LENGTH + payloadLength();
    }

    /** The first Hop-by-Hop Options header's RPL Option, if any. */
    public Optional<RplOption> rplOption() {
        if (!extensionHeaders.isEmpty() && extensionHeaders.get(0) instanceof HopByHopOptions h) {
            return h.rplOption();
        }
        return Optional.empty();
    }

    /** The RPL Source Routing Header, if any. */
    public Optional<RplSourceRoutingHeader> sourceRoute() {
        for (ExtensionHeader h : extensionHeaders) { // a loop, not a stream: the forwarder asks every packet
            if (h instanceof RplSourceRoutingHeader route) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /**
     * The destination the upper-layer checksum covers (RFC 8200 section 8.1): with an RPL Source Routing Header that
     * has segments left, its last address (restored against the Destination Address); otherwise the Destination
     * Address.
     */
    public Ipv6Address finalDestination() {
        for (ExtensionHeader h : extensionHeaders) {
            if (h instanceof RplSourceRoutingHeader srh && srh.segmentsLeft() > 0) {
                return srh.address(srh.addressCount() - 1, destination);
            }
        }
        return destination;
    }

    /** The payload as a UDP datagram. */
    public UdpDatagram udp() throws Ipv6FormatException {
        requireProtocol(UDP);
        return UdpDatagram.decode(payload);
    }

    /** The payload as an ICMPv6 message. */
    public Icmpv6Message icmpv6() throws Ipv6FormatException {
        requireProtocol(ICMPV6);
        return Icmpv6Message.decode(payload);
    }

    private void requireProtocol(int protocol) throws Ipv6FormatException {
        if (upperLayerProtocol != protocol) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.WRONG_PROTOCOL,
                    "upper-layer protocol is " + upperLayerProtocol + ", not " + protocol);
        }
    }

    /**
     * The upper-layer checksum over the pseudo-header with {@link #finalDestination()}: the value to send when the
     * payload's checksum field is zero, 0 when it holds a correct checksum.
     */
    public int upperLayerChecksum() {
        return Ipv6Checksum.compute(source, finalDestination(), upperLayerProtocol, payload, 0, payload.length);
    }

    // ---- encoding ----

    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /** Writes the packet to {@code dst} at {@code off}; returns its length. */
    public int encode(byte[] dst, int off) {
        int len = encodedLength();
        Objects.checkFromIndexSize(off, len, dst.length);
        int payloadLength = len - HEADER_LENGTH;
        dst[off] = (byte) (0x60 | (trafficClass >>> 4));
        dst[off + 1] = (byte) (((trafficClass & 0x0f) << 4) | (flowLabel >>> 16));
        dst[off + 2] = (byte) (flowLabel >>> 8);
        dst[off + 3] = (byte) flowLabel;
        dst[off + 4] = (byte) (payloadLength >>> 8);
        dst[off + 5] = (byte) payloadLength;
        dst[off + 6] = (byte) nextHeader();
        dst[off + 7] = (byte) hopLimit;
        source.writeTo(dst, off + 8);
        destination.writeTo(dst, off + 24);
        int p = off + HEADER_LENGTH;
        for (int i = 0; i < extensionHeaders.size(); i++) {
            ExtensionHeader h = extensionHeaders.get(i);
            int next = i + 1 < extensionHeaders.size() ? extensionHeaders.get(i + 1).protocol() : upperLayerProtocol;
            h.writeTo(dst, p, next);
            p += h.length();
        }
        System.arraycopy(payload, 0, dst, p, payload.length);
        return len;
    }

    // ---- decoding ----

    public static Ipv6Packet decode(byte[] b) throws Ipv6FormatException {
        return decode(b, 0, b.length);
    }

    /** Decodes the packet in {@code b[off, off+len)}, which must hold exactly 40 + Payload Length octets. */
    public static Ipv6Packet decode(byte[] b, int off, int len) throws Ipv6FormatException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < HEADER_LENGTH) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED,
                    "IPv6 header needs 40 octets, got " + len);
        }
        int version = (b[off] & 0xff) >>> 4;
        if (version != 6) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_VERSION, "version " + version);
        }
        int payloadLength = UdpDatagram.u16(b, off + 4);
        if (payloadLength > len - HEADER_LENGTH) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED,
                    "Payload Length " + payloadLength + " but only " + (len - HEADER_LENGTH) + " octets follow");
        }
        if (payloadLength < len - HEADER_LENGTH) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_PAYLOAD_LENGTH,
                    "Payload Length " + payloadLength + " but " + (len - HEADER_LENGTH) + " octets follow");
        }
        Builder builder = builder()
                .trafficClass(((b[off] & 0x0f) << 4) | ((b[off + 1] & 0xff) >>> 4))
                .flowLabel(((b[off + 1] & 0x0f) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff))
                .hopLimit(b[off + 7] & 0xff)
                .source(Ipv6Address.of(b, off + 8))
                .destination(Ipv6Address.of(b, off + 24));
        int next = b[off + 6] & 0xff;
        int p = off + HEADER_LENGTH;
        int end = off + len;
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS) {
            if (end - p < 2) {
                throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED,
                        "extension header " + next + " at offset " + (p - off) + " is cut short");
            }
            int hdrLen = ((b[p + 1] & 0xff) + 1) * 8;
            if (hdrLen > end - p) {
                throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED, "extension header " + next
                        + " of " + hdrLen + " octets at offset " + (p - off) + " overruns the packet");
            }
            if (next == HOP_BY_HOP && !builder.extensionHeaders.isEmpty()) {
                throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_EXTENSION_HEADER,
                        "Hop-by-Hop Options header after another extension header (RFC 8200 section 4.1)");
            }
            builder.extensionHeaders.add(decodeExtension(next, b, p, hdrLen));
            next = b[p] & 0xff;
            p += hdrLen;
        }
        builder.upperLayerProtocol = next;
        builder.payload = Arrays.copyOfRange(b, p, end);
        return new Ipv6Packet(builder, builder.payload);
    }

    private static ExtensionHeader decodeExtension(int protocol, byte[] b, int p, int hdrLen)
            throws Ipv6FormatException {
        switch (protocol) {
            case HOP_BY_HOP:
                return new HopByHopOptions(OptionsCodec.decode(b, p + 2, p + hdrLen));
            case DESTINATION_OPTIONS:
                return new DestinationOptions(OptionsCodec.decode(b, p + 2, p + hdrLen));
            default:
                int type = b[p + 2] & 0xff;
                if (type == RplSourceRoutingHeader.ROUTING_TYPE) {
                    return RplSourceRoutingHeader.decode(b, p, hdrLen);
                }
                return new RoutingHeader(type, b[p + 3] & 0xff, Arrays.copyOfRange(b, p + 4, p + hdrLen));
        }
    }

    // ---- value semantics ----

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Packet p && p.trafficClass == trafficClass && p.flowLabel == flowLabel
                && p.hopLimit == hopLimit && p.upperLayerProtocol == upperLayerProtocol && p.source.equals(source)
                && p.destination.equals(destination) && p.extensionHeaders.equals(extensionHeaders)
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trafficClass, flowLabel, hopLimit, upperLayerProtocol, source, destination,
                extensionHeaders, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32));
        return "Ipv6Packet[" + source + " -> " + destination + ", tc=" + trafficClass + ", flow=" + flowLabel
                + ", hlim=" + hopLimit + ", ext=" + extensionHeaders + ", proto=" + upperLayerProtocol + ", payload("
                + payload.length + ")=" + hex + (payload.length > 32 ? "..." : "") + "]";
    }

    /**
     * Builds an {@link Ipv6Packet}. Defaults: traffic class 0, flow label 0, hop limit 64, source and destination
     * {@code ::}, no extension headers, upper-layer protocol 59 (No Next Header) with an empty payload.
     */
    public static final class Builder {
        private int trafficClass;
        private int flowLabel;
        private int hopLimit = 64;
        private Ipv6Address source = Ipv6Address.UNSPECIFIED;
        private Ipv6Address destination = Ipv6Address.UNSPECIFIED;
        private final List<ExtensionHeader> extensionHeaders = new ArrayList<>();
        private int upperLayerProtocol = NO_NEXT_HEADER;
        private byte[] payload = EMPTY;
        /** 0: payload as given; UDP or ICMPV6: fill in that protocol's checksum when building. */
        private int checksumFor;

        private Builder() {
        }

        public Builder trafficClass(int trafficClass) {
            if (trafficClass < 0 || trafficClass > 255) {
                throw new IllegalArgumentException("traffic class " + trafficClass + " is outside 0..255");
            }
            this.trafficClass = trafficClass;
            return this;
        }

        public Builder flowLabel(int flowLabel) {
            if (flowLabel < 0 || flowLabel > 0xfffff) {
                throw new IllegalArgumentException("flow label " + flowLabel + " is outside 0..0xfffff");
            }
            this.flowLabel = flowLabel;
            return this;
        }

        public Builder hopLimit(int hopLimit) {
            if (hopLimit < 0 || hopLimit > 255) {
                throw new IllegalArgumentException("hop limit " + hopLimit + " is outside 0..255");
            }
            this.hopLimit = hopLimit;
            return this;
        }

        public Builder source(Ipv6Address source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder destination(Ipv6Address destination) {
            this.destination = Objects.requireNonNull(destination, "destination");
            return this;
        }

        /** Replaces the extension headers. */
        public Builder extensionHeaders(List<ExtensionHeader> headers) {
            extensionHeaders.clear();
            headers.forEach(this::addExtensionHeader);
            return this;
        }

        public Builder addExtensionHeader(ExtensionHeader header) {
            extensionHeaders.add(Objects.requireNonNull(header, "header"));
            return this;
        }

        /** The upper-layer payload, as it is, with its protocol number. */
        public Builder payload(int protocol, byte[] payload) {
            if (protocol < 0 || protocol > 255) {
                throw new IllegalArgumentException("protocol " + protocol + " is outside 0..255");
            }
            this.upperLayerProtocol = protocol;
            this.payload = payload.clone();
            this.checksumFor = 0;
            return this;
        }

        /** A UDP payload whose checksum {@link #build()} computes over the final pseudo-header. */
        public Builder udp(int sourcePort, int destinationPort, byte[] data) {
            payload(UDP, new UdpDatagram(sourcePort, destinationPort, 0, data).encode());
            this.checksumFor = UDP;
            return this;
        }

        /** A UDP payload as given, checksum included. */
        public Builder udp(UdpDatagram datagram) {
            return payload(UDP, datagram.encode());
        }

        /** An ICMPv6 payload whose checksum {@link #build()} computes over the final pseudo-header. */
        public Builder icmpv6(int type, int code, byte[] body) {
            payload(ICMPV6, new Icmpv6Message(type, code, 0, body).encode());
            this.checksumFor = ICMPV6;
            return this;
        }

        /** An ICMPv6 payload as given, checksum included. */
        public Builder icmpv6(Icmpv6Message message) {
            return payload(ICMPV6, message.encode());
        }

        /**
         * @throws IllegalArgumentException if Hop-by-Hop Options is not the first extension header, the upper-layer
         *                                  protocol is an extension header type, or the payload exceeds 65535
         */
        public Ipv6Packet build() {
            Ipv6Packet p = new Ipv6Packet(this, payload);
            if (checksumFor == 0) {
                return p;
            }
            byte[] withChecksum = payload.clone();
            int c = p.upperLayerChecksum();
            if (checksumFor == UDP && c == 0) {
                c = 0xffff;  // RFC 768: a computed zero is sent as all ones
            }
            int at = checksumFor == UDP ? 6 : 2;
            withChecksum[at] = (byte) (c >>> 8);
            withChecksum[at + 1] = (byte) c;
            return new Ipv6Packet(this, withChecksum);
        }
    }
}
