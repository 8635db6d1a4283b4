package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A UDP datagram (RFC 768) as the upper-layer payload of an IPv6 packet, with its checksum over the IPv6
 * pseudo-header (RFC 8200 section 8.1). Over IPv6 the checksum is mandatory: a computed 0 is sent as 0xffff, and a
 * received 0 is invalid.
 *
 * @param sourcePort      0-65535
 * @param destinationPort 0-65535
 * @param checksum        the Checksum field as sent or received, 0-65535
 * @param data            the payload after the 8-octet header
 */
public record UdpDatagram(int sourcePort, int destinationPort, int checksum, byte[] data) {

    /** The protocol number of UDP in a Next Header field. */
    public static final int PROTOCOL = Ipv6Packet.UDP;
    /** Octets in the UDP header. */
    public static final int HEADER_LENGTH = 8;

    public UdpDatagram {
        checkPort(sourcePort);
        checkPort(destinationPort);
        if (checksum < 0 || checksum > 0xffff) {
            throw new IllegalArgumentException("checksum " + checksum + " is outside 0..0xffff");
        }
        if (data.length > 0xffff - HEADER_LENGTH) {
            throw new IllegalArgumentException("UDP data of " + data.length + " octets exceeds 65527");
        }
        data = data.clone();
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /** A datagram with its checksum computed for these pseudo-header addresses. */
    public static UdpDatagram of(int sourcePort, int destinationPort, byte[] data, Ipv6Address source,
            Ipv6Address destination) {
        return new UdpDatagram(sourcePort, destinationPort, 0, data).withChecksum(source, destination);
    }

    /** Decodes the whole upper-layer payload {@code b}: the Length field must equal its length. */
    public static UdpDatagram decode(byte[] b) throws Ipv6FormatException {
        return decode(b, 0, b.length);
    }

    /** Decodes {@code b[off, off+len)}, the whole upper-layer payload. */
    public static UdpDatagram decode(byte[] b, int off, int len) throws Ipv6FormatException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < HEADER_LENGTH) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.TRUNCATED,
                    "UDP header needs 8 octets, got " + len);
        }
        int length = u16(b, off + 4);
        if (length != len) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_UDP_LENGTH,
                    "UDP Length " + length + " but the payload has " + len + " octets");
        }
        byte[] data = Arrays.copyOfRange(b, off + HEADER_LENGTH, off + len);
        return new UdpDatagram(u16(b, off), u16(b, off + 2), u16(b, off + 6), data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The Length field: header and data. */
    public int length() {
        return HEADER_LENGTH + data.length;
    }

    public byte[] encode() {
        byte[] b = new byte[length()];
        writeTo(b, 0, checksum);
        return b;
    }

    private void writeTo(byte[] b, int off, int checksumValue) {
        b[off] = (byte) (sourcePort >>> 8);
        b[off + 1] = (byte) sourcePort;
        b[off + 2] = (byte) (destinationPort >>> 8);
        b[off + 3] = (byte) destinationPort;
        b[off + 4] = (byte) (length() >>> 8);
        b[off + 5] = (byte) length();
        b[off + 6] = (byte) (checksumValue >>> 8);
        b[off + 7] = (byte) checksumValue;
        System.arraycopy(data, 0, b, off + HEADER_LENGTH, data.length);
    }

    /** The checksum to send for these pseudo-header addresses (never 0: RFC 768, RFC 8200 section 8.1). */
    public int computeChecksum(Ipv6Address source, Ipv6Address destination) {
        byte[] b = new byte[length()];
        writeTo(b, 0, 0);
        int c = Ipv6Checksum.compute(source, destination, PROTOCOL, b, 0, b.length);
        return c == 0 ? 0xffff : c;
    }

    /** Whether the checksum is right for these pseudo-header addresses; a zero checksum never is over IPv6. */
    public boolean hasValidChecksum(Ipv6Address source, Ipv6Address destination) {
        if (checksum == 0) {
            return false;
        }
        byte[] b = encode();
        return Ipv6Checksum.compute(source, destination, PROTOCOL, b, 0, b.length) == 0;
    }

    /** This datagram with the checksum computed for these pseudo-header addresses. */
    public UdpDatagram withChecksum(Ipv6Address source, Ipv6Address destination) {
        return new UdpDatagram(sourcePort, destinationPort, computeChecksum(source, destination), data);
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpDatagram u && u.sourcePort == sourcePort && u.destinationPort == destinationPort
                && u.checksum == checksum && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePort, destinationPort, checksum, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "UdpDatagram[" + sourcePort + " -> " + destinationPort + ", checksum=0x"
                + Integer.toHexString(checksum) + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
