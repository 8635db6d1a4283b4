package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An ICMPv6 message (RFC 4443 section 2.1): type, code, checksum over the IPv6 pseudo-header (RFC 4443 section 2.3,
 * RFC 8200 section 8.1) and the message body. RPL control messages are type 155 (RFC 6550 section 6).
 *
 * @param type     0-255
 * @param code     0-255
 * @param checksum the Checksum field as sent or received
 * @param body     the octets after the 4-octet header
 */
public record Icmpv6Message(int type, int code, int checksum, byte[] body) {

    /** The protocol number of ICMPv6 in a Next Header field. */
    public static final int PROTOCOL = Ipv6Packet.ICMPV6;
    /** Octets of type, code and checksum. */
    public static final int HEADER_LENGTH = 4;

    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    /** RPL control message (RFC 6550 section 6). */
    public static final int TYPE_RPL = 155;

    public Icmpv6Message {
        for (int v : new int[] {type, code}) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("ICMPv6 type/code " + v + " is outside 0..255");
            }
        }
        if (checksum < 0 || checksum > 0xffff) {
            throw new IllegalArgumentException("checksum " + checksum + " is outside 0..0xffff");
        }
        if (body.length > 0xffff - HEADER_LENGTH) {
            throw new IllegalArgumentException("ICMPv6 body of " + body.length + " octets is too long");
        }
        body = body.clone();
    }

    /** A message with its checksum computed for these pseudo-header addresses. */
    public static Icmpv6Message of(int type, int code, byte[] body, Ipv6Address source, Ipv6Address destination) {
        return new Icmpv6Message(type, code, 0, body).withChecksum(source, destination);
    }

    public static Icmpv6Message decode(byte[] b) throws Ipv6FormatException {
        return decode(b, 0, b.length);
    }

    /** Decodes {@code b[off, off+len)}, the whole upper-layer payload. */
    public static Icmpv6Message decode(byte[] b, int off, int len) throws Ipv6FormatException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < HEADER_LENGTH) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED,
                    "ICMPv6 header needs 4 octets, got " + len);
        }
        return new Icmpv6Message(b[off] & 0xff, b[off + 1] & 0xff, UdpDatagram.u16(b, off + 2),
                Arrays.copyOfRange(b, off + HEADER_LENGTH, off + len));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int length() {
        return HEADER_LENGTH + body.length;
    }

    public byte[] encode() {
        return encode(checksum);
    }

    private byte[] encode(int checksumValue) {
        byte[] b = new byte[length()];
        b[0] = (byte) type;
        b[1] = (byte) code;
        b[2] = (byte) (checksumValue >>> 8);
        b[3] = (byte) checksumValue;
        System.arraycopy(body, 0, b, HEADER_LENGTH, body.length);
        return b;
    }

    /** The checksum to send for these pseudo-header addresses. */
    public int computeChecksum(Ipv6Address source, Ipv6Address destination) {
        byte[] b = encode(0);
        return Ipv6Checksum.compute(source, destination, PROTOCOL, b, 0, b.length);
    }

    public boolean hasValidChecksum(Ipv6Address source, Ipv6Address destination) {
        byte[] b = encode();
        return Ipv6Checksum.compute(source, destination, PROTOCOL, b, 0, b.length) == 0;
    }

    public Icmpv6Message withChecksum(Ipv6Address source, Ipv6Address destination) {
        return new Icmpv6Message(type, code, computeChecksum(source, destination), body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Icmpv6Message m && m.type == type && m.code == code && m.checksum == checksum
                && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, code, checksum, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Icmpv6Message[type=" + type + ", code=" + code + ", checksum=0x" + Integer.toHexString(checksum)
                + ", body=" + HexFormat.of().formatHex(body) + "]";
    }
}
