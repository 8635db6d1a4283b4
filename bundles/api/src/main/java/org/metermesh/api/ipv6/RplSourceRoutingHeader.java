package org.metermesh.api.ipv6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The RPL Source Routing Header, Routing header type 3 (RFC 6554 section 3):
 *
 * <pre>
 * | Next Header | Hdr Ext Len | Routing Type=3 | Segments Left |
 * | CmprI | CmprE | Pad | Reserved (20 bits)                     |
 * | Addresses[1..n]: n-1 addresses of 16-CmprI octets, the last of 16-CmprE octets, then Pad octets |
 * </pre>
 *
 * The first CmprI (CmprE for the last address) octets of each address are elided: they are those of the IPv6
 * Destination Address of the packet carrying the header (the <em>reference</em>). This value holds the addresses as
 * carried, with the elided octets zero; {@link #addresses(Ipv6Address)} restores them, and
 * {@link #of(int, List, Ipv6Address)} elides as much as a reference allows.
 *
 * @param segmentsLeft route segments still to visit, 0-255
 * @param cmprI        prefix octets elided from Addresses[1..n-1], 0-15
 * @param cmprE        prefix octets elided from Addresses[n], 0-15
 * @param pad          octets of padding after Addresses[n], 0-15; they make the header a multiple of 8 octets
 * @param elidedAddresses Addresses[1..n], at least one, with their elided prefix octets zero
 */
public record RplSourceRoutingHeader(int segmentsLeft, int cmprI, int cmprE, int pad,
        List<Ipv6Address> elidedAddresses) implements ExtensionHeader {

    /** Routing Type of the RPL Source Routing Header (RFC 6554 section 3). */
    public static final int ROUTING_TYPE = 3;

    public RplSourceRoutingHeader {
        if (segmentsLeft < 0 || segmentsLeft > 255) {
            throw new IllegalArgumentException("segments left " + segmentsLeft + " is outside 0..255");
        }
        for (int v : new int[] {cmprI, cmprE, pad}) {
            if (v < 0 || v > 15) {
                throw new IllegalArgumentException("CmprI/CmprE/Pad " + v + " is outside 0..15");
            }
        }
        elidedAddresses = List.copyOf(elidedAddresses);
        int n = elidedAddresses.size();
        if (n == 0) {
            throw new IllegalArgumentException("a source routing header carries at least one address");
        }
        for (int i = 0; i < n; i++) {
            int elided = i == n - 1 ? cmprE : cmprI;
            Ipv6Address a = elidedAddresses.get(i);
            if (!a.mask(8 * elided).isUnspecified()) {
                throw new IllegalArgumentException("address " + (i + 1) + " " + a + " must have its " + elided
                        + " elided prefix octets zero");
            }
        }
        int total = length(n, cmprI, cmprE, pad);
        if (total % 8 != 0 || total > ExtensionHeaders.MAX_LENGTH) {
            throw new IllegalArgumentException("a source routing header of " + total
                    + " octets is not a multiple of 8 up to 2048 (wrong Pad " + pad + ")");
        }
    }

    private static int length(int n, int cmprI, int cmprE, int pad) {
        return 8 + (n - 1) * (16 - cmprI) + (16 - cmprE) + pad;
    }

    /**
     * The header for a route, eliding the longest prefixes the reference (the IPv6 Destination Address the packet
     * will carry) shares with the addresses, and padding to a multiple of 8 octets.
     *
     * @param route Addresses[1..n], at least one
     */
    public static RplSourceRoutingHeader of(int segmentsLeft, List<Ipv6Address> route, Ipv6Address reference) {
        Objects.requireNonNull(reference, "reference");
        int n = route.size();
        if (n == 0) {
            throw new IllegalArgumentException("a source routing header carries at least one address");
        }
        int cmprI = 15;
        for (int i = 0; i < n - 1; i++) {
            cmprI = Math.min(cmprI, route.get(i).commonPrefixOctets(reference));
        }
        if (n == 1) {
            cmprI = 0;
        }
        int cmprE = Math.min(15, route.get(n - 1).commonPrefixOctets(reference));
        int unpadded = length(n, cmprI, cmprE, 0);
        int pad = (8 - unpadded % 8) % 8;
        List<Ipv6Address> elided = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Ipv6Address a = route.get(i);
            int bits = 8 * (i == n - 1 ? cmprE : cmprI);
            elided.add(Ipv6Address.of(a.high() & ~Ipv6Address.highMask(bits), a.low() & ~Ipv6Address.lowMask(bits)));
        }
        return new RplSourceRoutingHeader(segmentsLeft, cmprI, cmprE, pad, elided);
    }

    /** n, the number of addresses. */
    public int addressCount() {
        return elidedAddresses.size();
    }

    /** Addresses[1..n] with their elided prefix octets taken from {@code reference}. */
    public List<Ipv6Address> addresses(Ipv6Address reference) {
        List<Ipv6Address> out = new ArrayList<>(elidedAddresses.size());
        for (int i = 0; i < elidedAddresses.size(); i++) {
            out.add(address(i, reference));
        }
        return List.copyOf(out);
    }

    /** Addresses[i + 1] with its elided prefix octets taken from {@code reference}. */
    public Ipv6Address address(int i, Ipv6Address reference) {
        Ipv6Address a = elidedAddresses.get(i);
        int bits = 8 * (i == elidedAddresses.size() - 1 ? cmprE : cmprI);
        long hm = Ipv6Address.highMask(bits);
        long lm = Ipv6Address.lowMask(bits);
        return Ipv6Address.of((reference.high() & hm) | a.high(), (reference.low() & lm) | a.low());
    }

    @Override
    public int protocol() {
        return Ipv6Packet.ROUTING;
    }

    @Override
    public int length() {
        return length(elidedAddresses.size(), cmprI, cmprE, pad);
    }

    @Override
    public void writeTo(byte[] dst, int off, int nextHeader) {
        ExtensionHeaders.checkNextHeader(nextHeader);
        int len = length();
        dst[off] = (byte) nextHeader;
        dst[off + 1] = (byte) (len / 8 - 1);
        dst[off + 2] = ROUTING_TYPE;
        dst[off + 3] = (byte) segmentsLeft;
        dst[off + 4] = (byte) ((cmprI << 4) | cmprE);
        dst[off + 5] = (byte) (pad << 4);
        dst[off + 6] = 0;
        dst[off + 7] = 0;
        int p = off + 8;
        int n = elidedAddresses.size();
        byte[] full = new byte[Ipv6Address.LENGTH];
        for (int i = 0; i < n; i++) {
            int elided = i == n - 1 ? cmprE : cmprI;
            elidedAddresses.get(i).writeTo(full, 0);
            System.arraycopy(full, elided, dst, p, Ipv6Address.LENGTH - elided);
            p += Ipv6Address.LENGTH - elided;
        }
        Arrays.fill(dst, p, off + len, (byte) 0);
    }

    /** Decodes the header in {@code b[off, off+len)}; {@code len} comes from its Hdr Ext Len. */
    static RplSourceRoutingHeader decode(byte[] b, int off, int len) throws Ipv6FormatException {
        int segmentsLeft = b[off + 3] & 0xff;
        int cmprI = (b[off + 4] & 0xff) >>> 4;
        int cmprE = b[off + 4] & 0x0f;
        int pad = (b[off + 5] & 0xff) >>> 4;
        // RFC 6554 section 3: n = (((Hdr Ext Len * 8) - Pad - (16 - CmprE)) / (16 - CmprI)) + 1
        int rest = (len - 8) - pad - (16 - cmprE);
        if (rest < 0 || rest % (16 - cmprI) != 0) {
            throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_ROUTING_HEADER,
                    "Hdr Ext Len " + (len / 8 - 1) + ", CmprI " + cmprI + ", CmprE " + cmprE + ", Pad " + pad
                            + " give no whole number of addresses (RFC 6554 section 3)");
        }
        int n = rest / (16 - cmprI) + 1;
        List<Ipv6Address> addresses = new ArrayList<>(n);
        int p = off + 8;
        byte[] full = new byte[Ipv6Address.LENGTH];
        for (int i = 0; i < n; i++) {
            int elided = i == n - 1 ? cmprE : cmprI;
            Arrays.fill(full, (byte) 0);
            System.arraycopy(b, p, full, elided, Ipv6Address.LENGTH - elided);
            p += Ipv6Address.LENGTH - elided;
            addresses.add(Ipv6Address.of(full));
        }
        return new RplSourceRoutingHeader(segmentsLeft, cmprI, cmprE, pad, addresses);
    }
}
