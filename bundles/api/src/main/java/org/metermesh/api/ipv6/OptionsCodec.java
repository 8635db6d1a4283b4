package org.metermesh.api.ipv6;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes the options area of Hop-by-Hop and Destination Options headers (RFC 8200 section 4.2). */
final class OptionsCodec {

    private OptionsCodec() {
    }

    /** Octets the options take. */
    static int length(List<Ipv6Option> options) {
        int n = 0;
        for (Ipv6Option o : options) {
            n += o.length();
        }
        return n;
    }

    /** Validates an options header: 2 + options a multiple of 8, at most 2048 octets (Hdr Ext Len 255). */
    static List<Ipv6Option> check(String what, List<Ipv6Option> options) {
        List<Ipv6Option> copy = List.copyOf(options);
        int total = 2 + length(copy);
        if (total % 8 != 0) {
            throw new IllegalArgumentException(what + " of " + total
                    + " octets is not a multiple of 8; add padding (use padded(...))");
        }
        if (total > ExtensionHeaders.MAX_LENGTH) {
            throw new IllegalArgumentException(what + " of " + total + " octets exceeds "
                    + ExtensionHeaders.MAX_LENGTH);
        }
        return copy;
    }

    /** The options followed by the Pad1 or PadN that makes the header a multiple of 8 octets long. */
    static List<Ipv6Option> padded(List<Ipv6Option> options) {
        int missing = (8 - (2 + length(options)) % 8) % 8;
        if (missing == 0) {
            return List.copyOf(options);
        }
        List<Ipv6Option> out = new ArrayList<>(options);
        out.add(Ipv6Option.padding(missing));
        return List.copyOf(out);
    }

    static void write(List<Ipv6Option> options, byte[] dst, int off) {
        for (Ipv6Option o : options) {
            o.writeTo(dst, off);
            off += o.length();
        }
    }

    /** Decodes the options in {@code b[off, end)}. */
    static List<Ipv6Option> decode(byte[] b, int off, int end) throws Ipv6FormatException {
        List<Ipv6Option> out = new ArrayList<>();
        int i = off;
        while (i < end) {
            int type = b[i] & 0xff;
            if (type == Ipv6Option.TYPE_PAD1) {
                out.add(new Ipv6Option.Pad1());
                i++;
                continue;
            }
            if (i + 2 > end) {
                throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_OPTION,
                        "option 0x" + Integer.toHexString(type) + " at offset " + (i - off)
                                + " has no room for its length octet");
            }
            int len = b[i + 1] & 0xff;
            if (i + 2 + len > end) {
                throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_OPTION,
                        "option 0x" + Integer.toHexString(type) + " of " + len + " data octets overruns its header");
            }
            if (type == Ipv6Option.TYPE_PADN) {
                for (int k = i + 2; k < i + 2 + len; k++) {
                    if (b[k] != 0) {
                        // RFC 8200 section 4.2: PadN data are zero-valued octets; RFC 4942 2.1.9.5 warns of covert
                        // channels in non-zero padding.
                        throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_OPTION,
                                "PadN carries a non-zero octet");
                    }
                }
                out.add(new Ipv6Option.PadN(len));
            } else if (type == RplOption.TYPE || type == RplOption.TYPE_RFC9008) {
                if (len != RplOption.DATA_LENGTH) {
                    throw new Ipv6FormatException(Ipv6FormatException.Reason.BAD_OPTION,
                            "RPL Option with " + len + " data octets, expected 4 (RFC 6553 section 3)");
                }
                out.add(RplOption.decode(type, b, i + 2));
            } else {
                byte[] data = new byte[len];
                System.arraycopy(b, i + 2, data, 0, len);
                out.add(new Ipv6Option.Unknown(type, data));
            }
            i += 2 + len;
        }
        return out;
    }
}
