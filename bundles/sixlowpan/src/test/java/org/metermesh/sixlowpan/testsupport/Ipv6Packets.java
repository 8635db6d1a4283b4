package org.metermesh.sixlowpan.testsupport;

import org.metermesh.sixlowpan.nd.PseudoHeaderChecksum;

/** Builds uncompressed IPv6 packets for tests (RFC 8200 section 3 header, RFC 768 UDP). */
public final class Ipv6Packets {

    private Ipv6Packets() {
    }

    /** An IPv6 address from its textual hex groups without "::" shortening, e.g. {@code "fe80 0 0 0 0 0 0 1"}. */
    public static byte[] address(String groups) {
        String[] parts = groups.trim().split("[ :]+");
        if (parts.length != 8) {
            throw new IllegalArgumentException("need 8 groups: " + groups);
        }
        byte[] address = new byte[16];
        for (int i = 0; i < 8; i++) {
            int group = Integer.parseInt(parts[i], 16);
            address[2 * i] = (byte) (group >>> 8);
            address[2 * i + 1] = (byte) group;
        }
        return address;
    }

    /** The 40-octet IPv6 header followed by {@code payload}. */
    public static byte[] ipv6(byte[] source, byte[] destination, int nextHeader, int hopLimit, byte[] payload) {
        byte[] packet = new byte[40 + payload.length];
        packet[0] = 0x60;
        packet[4] = (byte) (payload.length >>> 8);
        packet[5] = (byte) payload.length;
        packet[6] = (byte) nextHeader;
        packet[7] = (byte) hopLimit;
        System.arraycopy(source, 0, packet, 8, 16);
        System.arraycopy(destination, 0, packet, 24, 16);
        System.arraycopy(payload, 0, packet, 40, payload.length);
        return packet;
    }

    /** An IPv6 packet carrying a UDP datagram with a correct checksum. */
    public static byte[] udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] data) {
        byte[] udp = new byte[8 + data.length];
        udp[0] = (byte) (sourcePort >>> 8);
        udp[1] = (byte) sourcePort;
        udp[2] = (byte) (destinationPort >>> 8);
        udp[3] = (byte) destinationPort;
        udp[4] = (byte) (udp.length >>> 8);
        udp[5] = (byte) udp.length;
        System.arraycopy(data, 0, udp, 8, data.length);
        int checksum = PseudoHeaderChecksum.compute(source, destination, PseudoHeaderChecksum.UDP, udp, 0,
                udp.length);
        if (checksum == 0) {
            checksum = 0xffff; // RFC 768 / RFC 8200 8.1: a computed zero is sent as all ones
        }
        udp[6] = (byte) (checksum >>> 8);
        udp[7] = (byte) checksum;
        return ipv6(source, destination, PseudoHeaderChecksum.UDP, 64, udp);
    }
}
