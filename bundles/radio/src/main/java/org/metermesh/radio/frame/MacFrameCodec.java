package org.metermesh.radio.frame;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encodes and decodes IEEE 802.15.4 MAC frames (frame versions 2003, 2006 and 2015) to and from PSDUs, i.e. the
 * MPDU plus FCS as the PHY carries it. Limits are fixed at construction, in the style of Netty's codec-mqtt: the
 * FCS type and the largest PSDU the PHY accepts.
 *
 * <p>Sans-I/O and stateless but for a cache of immediate acknowledgements: no threads, no I/O, safe to share.
 * Decoding never throws for any input; it returns {@link FrameDecodeResult.Decoded} or
 * {@link FrameDecodeResult.Rejected} with a {@link RejectReason}.
 */
public final class MacFrameCodec {

    /** aMaxPhyPacketSize of the classic PHYs, e.g. 2.4 GHz O-QPSK (IEEE 802.15.4-2015 11.3, Table 11-1). */
    public static final int MAX_PSDU_CLASSIC = 127;
    /** aMaxPhyPacketSize of the SUN PHYs (IEEE 802.15.4-2015 11.3, Table 11-1; 802.15.4g). */
    public static final int MAX_PSDU_SUN = 2047;

    private final FcsType fcsType;
    private final int maxPsduLength;
    /**
     * Encoded immediate acknowledgements by frame version and sequence number, each made when first asked for: a
     * radio acknowledges every unicast frame it receives, and an acknowledgement differs only in those two.
     */
    private final AtomicReferenceArray<byte[]> immediateAcks =
            new AtomicReferenceArray<>(FrameVersion.values().length * 256);

    /**
     * @param fcsType       the FCS the PHY uses (CRC-16, or CRC-32 for SUN PHYs with phyFcsType 0, 7.2.10)
     * @param maxPsduLength the largest PSDU accepted and produced, at most {@link #MAX_PSDU_SUN}
     */
    public MacFrameCodec(FcsType fcsType, int maxPsduLength) {
        this.fcsType = Objects.requireNonNull(fcsType, "fcsType");
        int min = 2 + fcsType.length();
        if (maxPsduLength < min || maxPsduLength > MAX_PSDU_SUN) {
            throw new IllegalArgumentException("maxPsduLength " + maxPsduLength + " is outside " + min + ".."
                    + MAX_PSDU_SUN);
        }
        this.maxPsduLength = maxPsduLength;
    }

    /** 2.4 GHz O-QPSK and other classic PHYs: CRC-16, 127-octet PSDU. */
    public static MacFrameCodec classic() {
        return new MacFrameCodec(FcsType.CRC16, MAX_PSDU_CLASSIC);
    }

    /** 802.15.4g SUN PHY (e.g. SUN FSK for Wi-SUN): CRC-32, 2047-octet PSDU. */
    public static MacFrameCodec sun() {
        return new MacFrameCodec(FcsType.CRC32, MAX_PSDU_SUN);
    }

    public FcsType fcsType() {
        return fcsType;
    }

    public int maxPsduLength() {
        return maxPsduLength;
    }

    /**
     * The PSDU of an immediate acknowledgement (IEEE 802.15.4-2015 7.3.3: frame control and sequence number only)
     * of a frame of {@code version} with {@code sequenceNumber}. The array is shared by every caller: it may be
     * handed to a PHY, never modified.
     */
    public byte[] immediateAck(FrameVersion version, int sequenceNumber) {
        int index = version.ordinal() * 256 + (sequenceNumber & 0xff);
        byte[] psdu = immediateAcks.get(index);
        if (psdu == null) {
            psdu = encode(MacFrame.builder(FrameType.ACK, version).sequenceNumber(sequenceNumber & 0xff).build());
            immediateAcks.set(index, psdu);
        }
        return psdu;
    }

    public FrameDecodeResult decode(byte[] psdu) {
        return decode(psdu, 0, psdu.length);
    }

    /** Decodes the PSDU in {@code psdu[off, off+len)}. */
    public FrameDecodeResult decode(byte[] psdu, int off, int len) {
        Objects.checkFromIndexSize(off, len, psdu.length);
        if (len > maxPsduLength) {
            return new FrameDecodeResult.Rejected(RejectReason.PSDU_TOO_LONG, maxPsduLength,
                    "PSDU of " + len + " octets exceeds " + maxPsduLength);
        }
        int fcsLength = fcsType.length();
        if (len < 2 + fcsLength) {
            return new FrameDecodeResult.Rejected(RejectReason.PSDU_TOO_SHORT, 0,
                    "PSDU of " + len + " octets has no room for frame control and a " + fcsLength + "-octet FCS");
        }
        // IEEE 802.15.4-2015 7.2.10: the FCS covers the MHR and MAC payload.
        if (!fcsType.verify(psdu, off, len)) {
            return new FrameDecodeResult.Rejected(RejectReason.BAD_FCS, len - fcsLength, fcsType + " mismatch");
        }
        try {
            return new FrameDecodeResult.Decoded(FrameDecoder.decode(psdu, off, len - fcsLength));
        } catch (DecodeException e) {
            return e.toResult();
        }
    }

    /**
     * The fields up to the destination address of a PSDU whose FCS checks, without decoding the rest; null if the
     * PSDU is not acceptable that far ({@link #decode(byte[])} then names the reason). Lets a receiver drop frames
     * for others cheaply; anything it keeps it decodes in full.
     */
    public FrameHead head(byte[] psdu) {
        int len = psdu.length;
        if (len > maxPsduLength || len < 2 + fcsType.length() || !fcsType.verify(psdu, 0, len)) {
            return null;
        }
        try {
            return FrameDecoder.decodeHead(psdu, 0, len - fcsType.length());
        } catch (DecodeException e) {
            return null;
        }
    }

    /** The PSDU length of this frame with this codec's FCS. */
    public int psduLength(MacFrame frame) {
        return FrameEncoder.mpduLength(frame) + fcsType.length();
    }

    /**
     * Encodes the frame and appends the FCS.
     *
     * @throws IllegalArgumentException if the PSDU would exceed {@link #maxPsduLength()}
     */
    public byte[] encode(MacFrame frame) {
        byte[] out = new byte[checkedLength(frame)];
        encodeChecked(frame, out, 0);
        return out;
    }

    /**
     * Encodes the frame with its FCS into {@code dst} at {@code off}, without allocating.
     *
     * @return the PSDU length
     * @throws IllegalArgumentException if the PSDU would exceed {@link #maxPsduLength()}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for it
     */
    public int encode(MacFrame frame, byte[] dst, int off) {
        int len = checkedLength(frame);
        Objects.checkFromIndexSize(off, len, dst.length);
        encodeChecked(frame, dst, off);
        return len;
    }

    private int checkedLength(MacFrame frame) {
        int len = psduLength(frame);
        if (len > maxPsduLength) {
            throw new IllegalArgumentException("PSDU of " + len + " octets exceeds " + maxPsduLength);
        }
        return len;
    }

    private void encodeChecked(MacFrame frame, byte[] dst, int off) {
        int end = FrameEncoder.write(frame, dst, off);
        fcsType.append(dst, off, end - off);
    }
}
