package org.metermesh.sixlowpan.frag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.testsupport.Bytes;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;
import org.metermesh.sixlowpan.testsupport.ToyHeaderCompression;
import org.metermesh.sixlowpan.testsupport.UncompressedIpv6Decompressor;

class FragmenterTest {

    /** RFC 4944 section 4: 127-octet PSDU minus the maximum frame overhead of 25 octets. */
    static final int CLASSIC_PAYLOAD = 102;
    /** RFC 4944 section 4: what is left with AES-CCM-128 link-layer security. */
    static final int CLASSIC_SECURED_PAYLOAD = 81;
    /** A 2047-octet SUN PSDU minus a 2015 MAC header with extended addresses (23) and a 4-octet FCS. */
    static final int SUN_PAYLOAD = 2047 - 23 - 4;

    static final byte[] SRC = Ipv6Packets.address("fe80 0 0 0 200 0 0 1");
    static final byte[] DST = Ipv6Packets.address("2001 db8 0 0 0 0 0 1");

    /** A 1280-octet IPv6/UDP packet to port 61616, the IPv6 minimum MTU. */
    static byte[] packet1280() {
        return Ipv6Packets.udp(SRC, DST, 61616, 61616, Bytes.random(1280 - 48, 1));
    }

    @Test
    void a1280OctetDatagramOverClassicFrames() {
        byte[] packet = packet1280();
        byte[] header = UncompressedIpv6Decompressor.compressedHeader(packet);
        List<byte[]> frames = new Fragmenter(CLASSIC_PAYLOAD).fragment(header, 40,
                Arrays.copyOfRange(packet, 40, 1280), 1280, 0x1234);

        // FRAG1: 4 + 41 + 56 (40 + 56 = 96 uncompressed, a multiple of 8); FRAGN: 5 + 96 each; 1184 = 12 * 96 + 32.
        assertThat(frames).hasSize(14);
        assertThat(frames.get(0)).hasSize(101);
        assertThat(Arrays.copyOf(frames.get(0), 4)).isEqualTo(Bytes.hex("c5 00 12 34"));
        assertThat(frames.get(0)[4]).isEqualTo((byte) 0x41);
        int expectedOffset = 96;
        for (int i = 1; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            assertThat(frame.length).isLessThanOrEqualTo(CLASSIC_PAYLOAD);
            assertThat(Arrays.copyOf(frame, 4)).isEqualTo(Bytes.hex("e5 00 12 34"));
            assertThat((frame[4] & 0xff) * 8).isEqualTo(expectedOffset);
            expectedOffset += frame.length - 5;
        }
        assertThat(frames.get(13)).hasSize(5 + 32);
        assertThat(expectedOffset).isEqualTo(1280);
        assertThat(concatenateUncompressed(frames, 41, 40)).isEqualTo(packet);
    }

    @Test
    void a1280OctetDatagramOverSecuredClassicFrames() {
        byte[] packet = packet1280();
        List<byte[]> frames = new Fragmenter(CLASSIC_SECURED_PAYLOAD).fragment(
                UncompressedIpv6Decompressor.compressedHeader(packet), 40, Arrays.copyOfRange(packet, 40, 1280),
                1280, 7);
        // FRAG1 room 81-4-41 = 36 -> 32 octets of payload (72 uncompressed); FRAGN 72 octets each: 1208 = 16*72 + 56.
        assertThat(frames).hasSize(18);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.length).isLessThanOrEqualTo(81));
        assertThat(concatenateUncompressed(frames, 41, 40)).isEqualTo(packet);
    }

    @Test
    void a1280OctetDatagramOverSunFramesIsNotFragmented() {
        byte[] packet = packet1280();
        byte[] header = UncompressedIpv6Decompressor.compressedHeader(packet);
        List<byte[]> frames = new Fragmenter(SUN_PAYLOAD).fragment(header, 40, Arrays.copyOfRange(packet, 40, 1280),
                1280, 0x1234);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).hasSize(1281);
        assertThat(frames.get(0)[0]).isEqualTo((byte) 0x41);
        assertThat(Arrays.copyOfRange(frames.get(0), 1, 1281)).isEqualTo(packet);
    }

    @Test
    void aDatagramThatExactlyFillsAFrameIsNotFragmentedAndOneMoreOctetIs() {
        Fragmenter fragmenter = new Fragmenter(CLASSIC_PAYLOAD);
        byte[] header = ToyHeaderCompression.compressed(48, 1, false);
        byte[] rest = Bytes.random(CLASSIC_PAYLOAD - header.length, 2);
        assertThat(fragmenter.fragment(header, 48, rest, 48 + rest.length, 0)).hasSize(1);
        byte[] longer = Bytes.random(rest.length + 1, 2);
        assertThat(fragmenter.fragment(header, 48, longer, 48 + longer.length, 0)).hasSize(2);
    }

    @Test
    void aSunFrameCarriesTheLargestDatagramInTwoFragments() {
        byte[] rest = Bytes.random(2047 - 40, 3);
        List<byte[]> frames = new Fragmenter(SUN_PAYLOAD).fragment(new byte[41], 40, rest, 2047, 9);
        assertThat(frames).hasSize(2);
        assertThat(Arrays.copyOf(frames.get(0), 2)).isEqualTo(Bytes.hex("c7 ff"));
    }

    @Test
    void everyFragmentButTheLastIsAMultipleOfEightUncompressedOctets() throws Exception {
        ToyHeaderCompression toy = new ToyHeaderCompression();
        ExtendedAddress src = ExtendedAddress.of(0x0200000000000001L);
        ExtendedAddress dst = ExtendedAddress.of(0x0200000000000002L);
        int checked = 0;
        for (int limit : new int[] {Fragmenter.MIN_FRAME_PAYLOAD, 14, 20, 33, 50, 81, 102, 127, 500, 2020}) {
            Fragmenter fragmenter = new Fragmenter(limit);
            for (int headerLength : new int[] {40, 48, 53, 60}) {
                for (int size = headerLength; size <= 1280; size += 37) {
                    byte[] rest = Bytes.random(size - headerLength, size);
                    byte[] compressed = ToyHeaderCompression.compressed(headerLength, size & 0x7f, false);
                    List<byte[]> frames;
                    try {
                        frames = fragmenter.fragment(compressed, headerLength, rest, size, size);
                    } catch (IllegalArgumentException e) {
                        // Only when the compressed header cannot go into a first fragment with its alignment.
                        assertThat(limit).isLessThan(FragmentHeader.FRAG1_LENGTH + compressed.length + 8);
                        continue;
                    }
                    int end = 0;
                    for (int i = 0; i < frames.size(); i++) {
                        byte[] frame = frames.get(i);
                        assertThat(frame.length).isLessThanOrEqualTo(limit);
                        if (frames.size() == 1) {
                            end = size;
                            break;
                        }
                        FragmentHeader header = FragmentHeader.parse(frame, 0, frame.length);
                        assertThat(header.first()).isEqualTo(i == 0);
                        assertThat(header.offset()).isEqualTo(end);
                        int uncompressed = i == 0 ? headerLength + frame.length - 4 - compressed.length
                                : frame.length - 5;
                        end += uncompressed;
                        if (i < frames.size() - 1) {
                            assertThat(uncompressed % 8).isZero();
                        }
                    }
                    assertThat(end).isEqualTo(size);
                    // And the reassembler puts them back together.
                    Reassembler reassembler = new Reassembler(new VirtualScheduler(1), toy, ReassemblyConfig.DEFAULTS);
                    ReassemblyResult result = null;
                    for (byte[] frame : frames.size() == 1 ? List.<byte[]>of() : frames) {
                        result = reassembler.accept(frame, 0, frame.length, src, dst);
                    }
                    if (result != null) {
                        assertThat(result).isInstanceOf(ReassemblyResult.Reassembled.class);
                        assertThat(((ReassemblyResult.Reassembled) result).packet())
                                .isEqualTo(ToyHeaderCompression.datagram(headerLength, size & 0x7f, rest));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void tagsAreDrawnOnlyForFragmentedDatagramsAndWrap() {
        DatagramTagSequence tags = new DatagramTagSequence(0xfffe);
        Fragmenter fragmenter = new Fragmenter(CLASSIC_PAYLOAD);
        byte[] header = ToyHeaderCompression.compressed(40, 1, false);
        byte[] small = new byte[20];
        byte[] large = new byte[300];
        List<Integer> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(fragmenter.fragment(header, 40, small, 60, tags)).hasSize(1);
            List<byte[]> frames = fragmenter.fragment(header, 40, large, 340, tags);
            seen.add(((frames.get(0)[2] & 0xff) << 8) | (frames.get(0)[3] & 0xff));
        }
        assertThat(seen).containsExactly(0xfffe, 0xffff, 0, 1);
        assertThat(tags.peek()).isEqualTo(2);
        assertThat(DatagramTagSequence.startingRandomly(new VirtualScheduler(5).random()).peek())
                .isBetween(0, 0xffff);
    }

    @Test
    void refusesInconsistentArguments() {
        Fragmenter fragmenter = new Fragmenter(CLASSIC_PAYLOAD);
        assertThatIllegalArgumentException().as("size is not header + rest")
                .isThrownBy(() -> fragmenter.fragment(new byte[41], 40, new byte[100], 141, 0));
        assertThatIllegalArgumentException().as("datagram_size cannot express 2048")
                .isThrownBy(() -> fragmenter.fragment(new byte[41], 40, new byte[2008], 2048, 0));
        assertThatIllegalArgumentException().as("no dispatch")
                .isThrownBy(() -> fragmenter.fragment(new byte[0], 40, new byte[100], 140, 0));
        assertThatIllegalArgumentException().as("tag out of range")
                .isThrownBy(() -> fragmenter.fragment(new byte[41], 40, new byte[300], 340, 0x10000));
        assertThatIllegalArgumentException().as("compressed header larger than a FRAG1")
                .isThrownBy(() -> new Fragmenter(40).fragment(new byte[41], 40, new byte[300], 340, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Fragmenter(Fragmenter.MIN_FRAME_PAYLOAD - 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Fragmenter(2048));
    }

    /** The uncompressed datagram the fragments stand for, for a header that is uncompressed except its dispatch. */
    static byte[] concatenateUncompressed(List<byte[]> frames, int compressedHeaderLength, int headerLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = frames.get(0);
        out.write(first, 4 + (compressedHeaderLength - headerLength), first.length - 4
                - (compressedHeaderLength - headerLength));
        for (int i = 1; i < frames.size(); i++) {
            out.write(frames.get(i), 5, frames.get(i).length - 5);
        }
        return out.toByteArray();
    }
}
