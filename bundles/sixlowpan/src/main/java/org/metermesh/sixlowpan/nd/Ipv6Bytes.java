package org.metermesh.sixlowpan.nd;

import java.util.Arrays;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Helpers for IPv6 addresses held as 16-octet arrays, until the api bundle's IPv6 model is there to use.
 */
public final class Ipv6Bytes {

    /** The unspecified address {@code ::}. */
    private static final byte[] UNSPECIFIED = new byte[16];

    private Ipv6Bytes() {
    }

    /** A copy of {@code address}, checked to have 16 octets. */
    public static byte[] copy(byte[] address, String what) {
        PseudoHeaderChecksum.requireAddress(address, what);
        return address.clone();
    }

    /** The unspecified address {@code ::} (RFC 4291 2.5.2), a new array. */
    public static byte[] unspecified() {
        return UNSPECIFIED.clone();
    }

    public static boolean isUnspecified(byte[] address) {
        return Arrays.equals(address, UNSPECIFIED);
    }

    /** RFC 4291 2.7: multicast addresses start with 0xff. */
    public static boolean isMulticast(byte[] address) {
        return (address[0] & 0xff) == 0xff;
    }

    /** RFC 4291 2.5.6: fe80::/10. */
    public static boolean isLinkLocal(byte[] address) {
        return (address[0] & 0xff) == 0xfe && (address[1] & 0xc0) == 0x80;
    }

    /** All-nodes link-local multicast {@code ff02::1} (RFC 4291 2.7.1), a new array. */
    public static byte[] allNodes() {
        byte[] address = new byte[16];
        address[0] = (byte) 0xff;
        address[1] = 0x02;
        address[15] = 0x01;
        return address;
    }

    /**
     * The interface identifier for an IEEE 802.15.4 address. RFC 4944 section 6: from an EUI-64 as for Ethernet
     * (RFC 4291 appendix A), i.e. with the universal/local bit inverted; from a 16-bit short address, {@code
     * 0000:00ff:fe00:XXXX} (RFC 4944 section 6 with the PAN ID bits left zero, as RFC 6282 3.2.2 derives it).
     */
    public static byte[] interfaceIdentifier(MacAddress address) {
        byte[] iid = new byte[8];
        if (address instanceof ExtendedAddress extended) {
            long eui64 = extended.value() ^ 0x0200_0000_0000_0000L;
            for (int i = 0; i < 8; i++) {
                iid[i] = (byte) (eui64 >>> (56 - 8 * i));
            }
        } else if (address instanceof ShortAddress shortAddress) {
            iid[3] = (byte) 0xff;
            iid[4] = (byte) 0xfe;
            iid[6] = (byte) (shortAddress.value() >>> 8);
            iid[7] = (byte) shortAddress.value();
        } else {
            throw new IllegalArgumentException("no interface identifier for " + address);
        }
        return iid;
    }

    /** The link-local address fe80::/64 with the interface identifier of {@code address}. */
    public static byte[] linkLocal(MacAddress address) {
        byte[] ll = new byte[16];
        ll[0] = (byte) 0xfe;
        ll[1] = (byte) 0x80;
        System.arraycopy(interfaceIdentifier(address), 0, ll, 8, 8);
        return ll;
    }

    /** {@code prefix} (its first {@code bits} bits) with every later bit cleared, a new 16-octet array. */
    public static byte[] masked(byte[] prefix, int bits) {
        byte[] masked = copy(prefix, "prefix");
        for (int i = 0; i < 16; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            masked[i] &= (byte) (0xff00 >>> keep);
        }
        return masked;
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as "::". */
    public static String format(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
