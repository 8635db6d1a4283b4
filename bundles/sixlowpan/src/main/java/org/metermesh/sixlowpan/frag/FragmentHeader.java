package org.metermesh.sixlowpan.frag;

import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * An RFC 4944 section 5.3 fragmentation header, FRAG1 (first fragment) or FRAGN (subsequent fragment).
 *
 * <pre>
 * FRAG1:  |1 1 0 0 0|  datagram_size (11) |        datagram_tag (16)        |
 * FRAGN:  |1 1 1 0 0|  datagram_size (11) |        datagram_tag (16)        | datagram_offset (8) |
 * </pre>
 *
 * All fields are in network byte order. {@code datagram_size} is the size of the uncompressed IPv6 packet; {@code
 * datagram_offset} counts 8-octet units of the uncompressed packet and is implicitly 0 in FRAG1 (RFC 4944 5.3, RFC
 * 6282 section 2).
 *
 * @param first        true for FRAG1, false for FRAGN
 * @param datagramSize 0..2047 uncompressed octets
 * @param tag          0..65535
 * @param offsetUnits  0..255, the offset in 8-octet units; 0 for FRAG1
 */
public record FragmentHeader(boolean first, int datagramSize, int tag, int offsetUnits) {

    /** FRAG1 header length. */
    public static final int FRAG1_LENGTH = 4;
    /** FRAGN header length. */
    public static final int FRAGN_LENGTH = 5;
    /** The largest datagram_size the 11-bit field can carry. */
    public static final int MAX_DATAGRAM_SIZE = 0x7ff;

    /** Dispatch values (RFC 4944 5.1, Figure 2): the top five bits. */
    static final int FRAG1_DISPATCH = 0b11000_000;
    static final int FRAGN_DISPATCH = 0b11100_000;
    private static final int DISPATCH_MASK = 0b11111_000;

    public FragmentHeader {
        if (datagramSize < 0 || datagramSize > MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("datagram_size " + datagramSize + " is outside 0..2047");
        }
        if (tag < 0 || tag > 0xffff) {
            throw new IllegalArgumentException("datagram_tag " + tag + " is outside 0..65535");
        }
        if (offsetUnits < 0 || offsetUnits > 0xff) {
            throw new IllegalArgumentException("datagram_offset " + offsetUnits + " is outside 0..255");
        }
        if (first && offsetUnits != 0) {
            throw new IllegalArgumentException("a first fragment has no datagram_offset");
        }
    }

    public static FragmentHeader frag1(int datagramSize, int tag) {
        return new FragmentHeader(true, datagramSize, tag, 0);
    }

    public static FragmentHeader fragN(int datagramSize, int tag, int offsetUnits) {
        return new FragmentHeader(false, datagramSize, tag, offsetUnits);
    }

    /** True if {@code dispatch} is the first octet of a FRAG1 or FRAGN header. */
    public static boolean isFragment(int dispatch) {
        int d = dispatch & DISPATCH_MASK;
        return d == FRAG1_DISPATCH || d == FRAGN_DISPATCH;
    }

    /**
     * Parses the header at {@code data[offset]}.
     *
     * @throws SixLowpanDecodeException {@link Reason#UNKNOWN_DISPATCH} if the dispatch is neither FRAG1 nor FRAGN,
     *                                  {@link Reason#TRUNCATED} if the header is cut off
     */
    public static FragmentHeader parse(byte[] data, int offset, int length) throws SixLowpanDecodeException {
        if (length < 1) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED, "no fragmentation header");
        }
        int dispatch = data[offset] & DISPATCH_MASK;
        boolean first;
        if (dispatch == FRAG1_DISPATCH) {
            first = true;
        } else if (dispatch == FRAGN_DISPATCH) {
            first = false;
        } else {
            throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH,
                    String.format("dispatch 0x%02x is not a fragmentation header", data[offset] & 0xff));
        }
        int needed = first ? FRAG1_LENGTH : FRAGN_LENGTH;
        if (length < needed) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED,
                    (first ? "FRAG1" : "FRAGN") + " header needs " + needed + " octets, got " + length);
        }
        int size = ((data[offset] & 0x07) << 8) | (data[offset + 1] & 0xff);
        int tag = ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
        int units = first ? 0 : data[offset + 4] & 0xff;
        return new FragmentHeader(first, size, tag, units);
    }

    /** The header's length on the wire: 4 for FRAG1, 5 for FRAGN. */
    public int length() {
        return first ? FRAG1_LENGTH : FRAGN_LENGTH;
    }

    /** The offset in octets of the uncompressed datagram. */
    public int offset() {
        return offsetUnits * 8;
    }

    /** Writes the header at {@code out[at]}; returns the position after it. */
    public int writeTo(byte[] out, int at) {
        out[at] = (byte) ((first ? FRAG1_DISPATCH : FRAGN_DISPATCH) | (datagramSize >>> 8));
        out[at + 1] = (byte) datagramSize;
        out[at + 2] = (byte) (tag >>> 8);
        out[at + 3] = (byte) tag;
        if (first) {
            return at + FRAG1_LENGTH;
        }
        out[at + 4] = (byte) offsetUnits;
        return at + FRAGN_LENGTH;
    }

    @Override
    public String toString() {
        return first ? String.format("FRAG1(size=%d, tag=0x%04x)", datagramSize, tag)
                : String.format("FRAGN(size=%d, tag=0x%04x, offset=%d)", datagramSize, tag, offset());
    }
}
