package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HdlcLiteTest {

    /** Records frames (as hex) and rejections in arrival order. */
    private static final class Collector implements HdlcLiteDecoder.Sink {
        final List<byte[]> frames = new ArrayList<>();
        final List<HdlcRejection> rejections = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void frame(byte[] payload) {
            frames.add(payload);
            events.add("frame " + hex(payload));
        }

        @Override
        public void rejected(HdlcRejection reason) {
            rejections.add(reason);
            events.add("rejected " + reason);
        }
    }

    private final Collector sink = new Collector();
    private final HdlcLiteDecoder decoder = new HdlcLiteDecoder(64, sink);

    @Test
    void encodesFlagPayloadLittleEndianFcsFlag() {
        byte[] frame = HdlcLiteEncoder.encode("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(frame)).isEqualTo("7e3132333435363738396e907e");
    }

    @Test
    void escapesFlagEscapeAndOpenThreadsReservedOctets() {
        byte[] payload = bytes(0x7e, 0x7d, 0x11, 0x13, 0xf8, 0x20, 0x5e);
        byte[] frame = HdlcLiteEncoder.encode(payload);
        int fcs = Crc16X25.compute(payload);
        assertThat(hex(Arrays.copyOfRange(frame, 0, 13)))
                .isEqualTo("7e7d5e7d5d7d317d337dd8205e");
        assertThat(frame[frame.length - 1]).isEqualTo((byte) 0x7e);
        // Between the flags there is no raw flag, whatever the FCS is.
        for (int i = 1; i < frame.length - 1; i++) {
            assertThat(frame[i] & 0xff).isNotEqualTo(0x7e);
        }
        decode(frame);
        assertThat(sink.frames).containsExactly(payload);
        assertThat(fcs).isEqualTo(Crc16X25.compute(sink.frames.get(0)));
    }

    @Test
    void roundTripsEveryOctetValueFedOneOctetAtATime() {
        byte[] payload = new byte[256];
        for (int i = 0; i < 256; i++) {
            payload[i] = (byte) i;
        }
        HdlcLiteDecoder large = new HdlcLiteDecoder(256, sink);
        for (byte octet : HdlcLiteEncoder.encode(payload)) {
            large.decode(new byte[] {octet}, 0, 1);
        }
        assertThat(sink.frames).containsExactly(payload);
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void roundTripsRandomFramesBackToBackInRandomChunks() {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[1 + random.nextInt(64)];
            random.nextBytes(payload);
            sent.add(payload);
            stream.writeBytes(HdlcLiteEncoder.encode(payload));
        }
        byte[] all = stream.toByteArray();
        for (int offset = 0; offset < all.length;) {
            int chunk = Math.min(all.length - offset, 1 + random.nextInt(50));
            decoder.decode(all, offset, chunk);
            offset += chunk;
        }
        assertThat(sink.frames).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(sink.frames.get(i)).isEqualTo(sent.get(i));
        }
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void ignoresNoiseBeforeTheFirstFlagAndRunsOfFlags() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(bytes(0x00, 0x41, 0x7d, 0xff));
        stream.writeBytes(bytes(0x7e, 0x7e, 0x7e));
        stream.writeBytes(HdlcLiteEncoder.encode(bytes(0x81, 0x01)));
        stream.writeBytes(bytes(0x7e, 0x7e));
        stream.writeBytes(HdlcLiteEncoder.encode(bytes(0x82)));
        decode(stream.toByteArray());
        assertThat(sink.events).containsExactly("frame 8101", "frame 82");
    }

    @Test
    void corruptingOnePayloadOctetGivesBadFcs() {
        byte[] frame = HdlcLiteEncoder.encode(bytes(0x86, 0x01, 0x02, 0x03));
        frame[2] ^= 0x04;
        decode(frame);
        assertThat(sink.events).containsExactly("rejected BAD_FCS");
    }

    @Test
    void corruptingTheFcsGivesBadFcs() {
        byte[] frame = HdlcLiteEncoder.encode(bytes(0x86, 0x01, 0x02, 0x03));
        frame[frame.length - 2] ^= 0x01;
        decode(frame);
        assertThat(sink.events).containsExactly("rejected BAD_FCS");
    }

    @Test
    void everySingleOctetCorruptionIsRejectedNeverThrownOrPassedOn() {
        byte[] payload = bytes(0x86, 0xc4, 0x80, 0x11, 0x7e, 0x01, 0x02, 0x7d, 0x03, 0x04);
        byte[] frame = HdlcLiteEncoder.encode(payload);
        for (int position = 1; position < frame.length - 1; position++) {
            for (int bit = 0; bit < 8; bit++) {
                Collector collector = new Collector();
                HdlcLiteDecoder fresh = new HdlcLiteDecoder(64, collector);
                byte[] corrupted = frame.clone();
                corrupted[position] ^= (byte) (1 << bit);
                fresh.decode(corrupted, 0, corrupted.length);
                // A 16-bit FCS catches every single-bit error; no corrupted frame may pass.
                assertThat(collector.frames).as("position %d bit %d", position, bit).isEmpty();
                assertThat(collector.rejections).as("position %d bit %d", position, bit).isNotEmpty();
            }
        }
    }

    @Test
    void overLongFrameIsRejectedOnceAndTheNextFrameDecodes() {
        byte[] tooLong = new byte[65];
        Arrays.fill(tooLong, (byte) 0x55);
        decode(HdlcLiteEncoder.encode(tooLong));
        decode(HdlcLiteEncoder.encode(bytes(0x84, 0x00, 0x00)));
        assertThat(sink.events).containsExactly("rejected TOO_LONG", "frame 840000");
    }

    @Test
    void longestAllowedFrameDecodes() {
        byte[] longest = new byte[64];
        Arrays.fill(longest, (byte) 0x7e);
        decode(HdlcLiteEncoder.encode(longest));
        assertThat(sink.frames).containsExactly(longest);
    }

    @Test
    void frameShorterThanOneOctetAndFcsIsTooShort() {
        decode(bytes(0x7e, 0x01, 0x02, 0x7e));
        assertThat(sink.events).containsExactly("rejected TOO_SHORT");
    }

    @Test
    void escapeFollowedByFlagAbortsAndTheFlagOpensTheNextFrame() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(bytes(0x7e, 0x86, 0x01, 0x7d, 0x7e));
        byte[] next = HdlcLiteEncoder.encode(bytes(0x85, 0x01, 0xa1));
        stream.write(next, 1, next.length - 1); // no opening flag of its own: the abort's flag serves
        decode(stream.toByteArray());
        assertThat(sink.events).containsExactly("rejected ABORTED", "frame 8501a1");
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HdlcLiteDecoder(0, sink));
    }

    private void decode(byte[] stream) {
        decoder.decode(stream, 0, stream.length);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static String hex(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (byte b : data) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
