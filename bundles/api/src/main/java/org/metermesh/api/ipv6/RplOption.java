package org.metermesh.api.ipv6;

/**
 * The RPL Option in a Hop-by-Hop Options header (RFC 6553 section 3): flags O (down), R (rank error), F (forwarding
 * error), the RPLInstanceID and the SenderRank. Six octets: type, length 4, flags, instance, rank (2).
 *
 * @param type            {@link #TYPE} (0x63, RFC 6553 section 6) or {@link #TYPE_RFC9008} (0x23, RFC 9008, which
 *                        changed the action bits so that nodes not knowing RPL skip the option)
 * @param down            O: the packet is expected to travel down the DODAG
 * @param rankError       R: a rank error was detected
 * @param forwardingError F: the packet could not be forwarded to the child the route named
 * @param instanceId      RPLInstanceID, 0-255
 * @param senderRank      SenderRank, 0-65535
 */
public record RplOption(int type, boolean down, boolean rankError, boolean forwardingError, int instanceId,
        int senderRank) implements Ipv6Option {

    /** The Option Type RFC 6553 section 6 assigned. */
    public static final int TYPE = 0x63;
    /** The Option Type RFC 9008 assigned instead. */
    public static final int TYPE_RFC9008 = 0x23;
    /** Opt Data Len: flags, instance and rank; no sub-TLVs are defined (RFC 6553 section 3). */
    public static final int DATA_LENGTH = 4;

    private static final int FLAG_O = 0x80;
    private static final int FLAG_R = 0x40;
    private static final int FLAG_F = 0x20;

    public RplOption {
        if (type != TYPE && type != TYPE_RFC9008) {
            throw new IllegalArgumentException("RPL Option type 0x" + Integer.toHexString(type)
                    + " is neither 0x63 (RFC 6553) nor 0x23 (RFC 9008)");
        }
        if (instanceId < 0 || instanceId > 255) {
            throw new IllegalArgumentException("RPLInstanceID " + instanceId + " is outside 0..255");
        }
        if (senderRank < 0 || senderRank > 0xffff) {
            throw new IllegalArgumentException("SenderRank " + senderRank + " is outside 0..65535");
        }
    }

    /** An RPL Option with the RFC 6553 type 0x63. */
    public static RplOption of(boolean down, boolean rankError, boolean forwardingError, int instanceId,
            int senderRank) {
        return new RplOption(TYPE, down, rankError, forwardingError, instanceId, senderRank);
    }

    /** Decodes the four data octets; the five reserved flag bits are ignored (RFC 6553 section 3). */
    static RplOption decode(int type, byte[] b, int dataOff) {
        int flags = b[dataOff] & 0xff;
        return new RplOption(type, (flags & FLAG_O) != 0, (flags & FLAG_R) != 0, (flags & FLAG_F) != 0,
                b[dataOff + 1] & 0xff, ((b[dataOff + 2] & 0xff) << 8) | (b[dataOff + 3] & 0xff));
    }

    @Override
    public int length() {
        return 2 + DATA_LENGTH;
    }

    @Override
    public void writeTo(byte[] dst, int off) {
        dst[off] = (byte) type;
        dst[off + 1] = DATA_LENGTH;
        dst[off + 2] = (byte) ((down ? FLAG_O : 0) | (rankError ? FLAG_R : 0) | (forwardingError ? FLAG_F : 0));
        dst[off + 3] = (byte) instanceId;
        dst[off + 4] = (byte) (senderRank >>> 8);
        dst[off + 5] = (byte) senderRank;
    }
}
