package org.metermesh.rpl.testsupport;

import org.metermesh.api.ipv6.Ipv6Address;

/**
 * Wraps an ICMPv6 message in an IPv6 header (RFC 8200 3) and fills in the ICMPv6 checksum over the pseudo-header
 * (RFC 4443 2.3, RFC 8200 8.1), so that an independent decoder sees a valid packet.
 */
public final class Ipv6Packets {

    private static final int NEXT_HEADER_ICMPV6 = 58;

    private Ipv6Packets() {
    }

    /** An IPv6 packet, hop limit 255, carrying {@code icmp} (whose checksum octets 2-3 are overwritten). */
    public static byte[] icmpv6(Ipv6Address source, Ipv6Address destination, byte[] icmp) {
        byte[] packet = new byte[40 + icmp.length];
        packet[0] = 0x60;
        packet[4] = (byte) (icmp.length >> 8);
        packet[5] = (byte) icmp.length;
        packet[6] = NEXT_HEADER_ICMPV6;
        packet[7] = (byte) 255;
        source.writeTo(packet, 8);
        destination.writeTo(packet, 24);
        System.arraycopy(icmp, 0, packet, 40, icmp.length);
        packet[42] = 0;
        packet[43] = 0;
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += (packet[i] & 0xff) << 8 | (packet[i + 1] & 0xff);
        }
        sum += icmp.length;
        sum += NEXT_HEADER_ICMPV6;
        for (int i = 40; i < packet.length; i += 2) {
            int hi = packet[i] & 0xff;
            int lo = i + 1 < packet.length ? packet[i + 1] & 0xff : 0;
            sum += hi << 8 | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        packet[42] = (byte) (checksum >> 8);
        packet[43] = (byte) checksum;
        return packet;
    }
}
