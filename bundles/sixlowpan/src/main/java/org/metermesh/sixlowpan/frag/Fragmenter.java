package org.metermesh.sixlowpan.frag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a 6LoWPAN datagram into RFC 4944 section 5.3 link fragments for one maximum frame payload.
 *
 * <p>The input is the datagram as the header compressor leaves it: the compressed headers (starting with their
 * dispatch, e.g. IPHC or the uncompressed-IPv6 dispatch 0x41), how many octets of the uncompressed IPv6 packet
 * they stand for, and the rest of the packet, carried unchanged. Rules applied (RFC 4944 5.3, RFC 6282 section 2):
 * <ul>
 * <li>If the whole datagram fits into one frame payload it is sent unfragmented, without a fragmentation header
 * ("If an entire payload (e.g., IPv6) datagram fits within a single 802.15.4 frame, it is unfragmented").</li>
 * <li>Otherwise the first fragment (FRAG1) carries the whole compressed header and as much payload as fits, such
 * that its length in uncompressed octets is a multiple of 8; every later fragment (FRAGN) carries a multiple of 8
 * octets except the last. {@code datagram_size} and {@code datagram_offset} count uncompressed octets.</li>
 * </ul>
 *
 * <p>The frame payload limit is what is left of the PSDU after the MAC header, any auxiliary security header and
 * MIC, and the FCS, and any mesh or broadcast header that goes before the fragmentation header (RFC 4944 5: mesh,
 * broadcast, fragmentation). RFC 4944 section 4 gives 102 octets for a 127-octet PSDU with the maximum frame
 * overhead of 25 octets, 81 with AES-CCM-128 security; a SUN PHY carries PSDUs of up to 2047 octets (IEEE
 * 802.15.4-2015 11.3, aMaxPhyPacketSize). Immutable and stateless apart from its limit.
 */
public final class Fragmenter {

    /** The smallest workable frame payload: a FRAGN header and one 8-octet unit. */
    public static final int MIN_FRAME_PAYLOAD = FragmentHeader.FRAGN_LENGTH + 8;
    /** The largest frame payload: a whole SUN PSDU (IEEE 802.15.4-2015 11.3: aMaxPhyPacketSize 2047). */
    public static final int MAX_FRAME_PAYLOAD = 2047;

    private final int maxFramePayload;
    private final int fragNData;

    /**
     * @param maxFramePayload octets available to 6LoWPAN in one frame, {@value #MIN_FRAME_PAYLOAD}..{@value
     *                        #MAX_FRAME_PAYLOAD}
     */
    public Fragmenter(int maxFramePayload) {
        if (maxFramePayload < MIN_FRAME_PAYLOAD || maxFramePayload > MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("maximum frame payload " + maxFramePayload + " is outside "
                    + MIN_FRAME_PAYLOAD + ".." + MAX_FRAME_PAYLOAD);
        }
        this.maxFramePayload = maxFramePayload;
        this.fragNData = (maxFramePayload - FragmentHeader.FRAGN_LENGTH) & ~7;
    }

    public int maxFramePayload() {
        return maxFramePayload;
    }

    /** True if a datagram compressed to {@code compressedLength} octets goes in one frame, unfragmented. */
    public boolean fitsUnfragmented(int compressedLength) {
        return compressedLength <= maxFramePayload;
    }

    /**
     * Fragments a datagram if it needs it, drawing a tag from {@code tags} only then: "The sender SHALL increment
     * datagram_tag for successive, fragmented datagrams" (RFC 4944 5.3).
     *
     * @see #fragment(byte[], int, byte[], int, int, int, int)
     */
    public List<byte[]> fragment(byte[] compressedHeader, int uncompressedHeaderLength, byte[] payload,
            int datagramSize, DatagramTagSequence tags) {
        Objects.requireNonNull(payload, "payload");
        int tag = fitsUnfragmented(compressedHeader.length + payload.length) ? 0 : tags.next();
        return fragment(compressedHeader, uncompressedHeaderLength, payload, 0, payload.length, datagramSize, tag);
    }

    /** @see #fragment(byte[], int, byte[], int, int, int, int) */
    public List<byte[]> fragment(byte[] compressedHeader, int uncompressedHeaderLength, byte[] payload,
            int datagramSize, int tag) {
        return fragment(compressedHeader, uncompressedHeaderLength, payload, 0, payload.length, datagramSize, tag);
    }

    /**
     * Produces the frame payloads for one datagram: a single unfragmented payload (compressed header followed by
     * the rest), or FRAG1 and FRAGN fragments in order of their offsets.
     *
     * @param compressedHeader         the compressed header chain, starting at its dispatch octet
     * @param uncompressedHeaderLength the octets of the uncompressed packet that {@code compressedHeader} encodes
     * @param payload                  holds the rest of the packet, carried as is
     * @param payloadOffset            where the rest starts in {@code payload}
     * @param payloadLength            how long the rest is
     * @param datagramSize             the size of the uncompressed IPv6 packet; must equal {@code
     *                                 uncompressedHeaderLength + payloadLength}
     * @param tag                      the datagram_tag, 0..65535; ignored if the datagram is not fragmented
     * @return new arrays, one per frame, in sending order; an unmodifiable list
     * @throws IllegalArgumentException if the sizes disagree, if a fragmented datagram exceeds the 2047 octets
     *                                  datagram_size can express, or if the compressed header does not fit a
     *                                  first fragment
     */
    public List<byte[]> fragment(byte[] compressedHeader, int uncompressedHeaderLength, byte[] payload,
            int payloadOffset, int payloadLength, int datagramSize, int tag) {
        Objects.requireNonNull(compressedHeader, "compressedHeader");
        Objects.requireNonNull(payload, "payload");
        Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.length);
        if (compressedHeader.length == 0) {
            throw new IllegalArgumentException("the compressed header must at least hold its dispatch octet");
        }
        if (uncompressedHeaderLength < 0 || datagramSize != uncompressedHeaderLength + payloadLength) {
            throw new IllegalArgumentException("datagram_size " + datagramSize + " is not the uncompressed header ("
                    + uncompressedHeaderLength + ") plus the rest (" + payloadLength + ")");
        }
        int compressedLength = compressedHeader.length + payloadLength;
        if (fitsUnfragmented(compressedLength)) {
            byte[] frame = new byte[compressedLength];
            System.arraycopy(compressedHeader, 0, frame, 0, compressedHeader.length);
            System.arraycopy(payload, payloadOffset, frame, compressedHeader.length, payloadLength);
            return List.of(frame);
        }
        if (datagramSize > FragmentHeader.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("datagram of " + datagramSize
                    + " octets exceeds the 2047 that datagram_size can express (RFC 4944 5.3)");
        }
        if (tag < 0 || tag > 0xffff) {
            throw new IllegalArgumentException("datagram_tag " + tag + " is outside 0..65535");
        }
        // FRAG1: the whole compressed header plus n octets of the rest, with (uncompressed header + n) % 8 == 0.
        int room = maxFramePayload - FragmentHeader.FRAG1_LENGTH - compressedHeader.length;
        int firstData = ((uncompressedHeaderLength + room) & ~7) - uncompressedHeaderLength;
        if (room < 0 || firstData < 0 || uncompressedHeaderLength + firstData == 0) {
            throw new IllegalArgumentException("a compressed header of " + compressedHeader.length
                    + " octets does not fit a first fragment in a frame payload of " + maxFramePayload);
        }
        List<byte[]> frames = new ArrayList<>(2 + (payloadLength - firstData) / fragNData);
        byte[] frag1 = new byte[FragmentHeader.FRAG1_LENGTH + compressedHeader.length + firstData];
        int at = FragmentHeader.frag1(datagramSize, tag).writeTo(frag1, 0);
        System.arraycopy(compressedHeader, 0, frag1, at, compressedHeader.length);
        System.arraycopy(payload, payloadOffset, frag1, at + compressedHeader.length, firstData);
        frames.add(frag1);
        for (int sent = firstData; sent < payloadLength; ) {
            int chunk = Math.min(fragNData, payloadLength - sent);
            int offsetUnits = (uncompressedHeaderLength + sent) >>> 3;
            byte[] fragN = new byte[FragmentHeader.FRAGN_LENGTH + chunk];
            at = FragmentHeader.fragN(datagramSize, tag, offsetUnits).writeTo(fragN, 0);
            System.arraycopy(payload, payloadOffset + sent, fragN, at, chunk);
            frames.add(fragN);
            sent += chunk;
        }
        return List.copyOf(frames);
    }
}
