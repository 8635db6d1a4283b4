package org.metermesh.radio.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated octets to the decoder. Only two outcomes are allowed: a typed rejection, or a frame
 * that re-encodes to a PSDU of the same length which decodes to the same frame. Seeds are fixed, so a failure
 * reproduces; the failing input is in the assertion message.
 */
class FuzzTest {

    private static final List<MacFrameCodec> CODECS = List.of(MacFrameCodec.classic(), MacFrameCodec.sun(),
            new MacFrameCodec(FcsType.NONE, 127));

    private final Map<RejectReason, Integer> rejections = new EnumMap<>(RejectReason.class);
    private int decoded;

    @Test
    void randomOctetsWithAndWithoutAValidFcs() {
        Random random = new Random(0x802154L);
        for (int i = 0; i < 60_000; i++) {
            MacFrameCodec codec = CODECS.get(i % CODECS.size());
            byte[] mpdu = new byte[random.nextInt(140)];
            random.nextBytes(mpdu);
            if (random.nextInt(8) == 0) {
                check(codec, mpdu);  // mostly BAD_FCS
            }
            check(codec, Psdus.withFcs(codec.fcsType(), mpdu));
        }
        assertThat(decoded).isPositive();
        assertThat(rejections).containsKeys(RejectReason.BAD_FCS, RejectReason.PSDU_TOO_LONG,
                RejectReason.RESERVED_FRAME_TYPE, RejectReason.UNSUPPORTED_FRAME_TYPE,
                RejectReason.RESERVED_FRAME_VERSION, RejectReason.RESERVED_ADDRESSING_MODE,
                RejectReason.INVALID_PAN_ID_COMPRESSION, RejectReason.TRUNCATED_HEADER);
    }

    @Test
    void mutatedValidFramesWithTheFcsFixedUp() {
        Random random = new Random(42);
        List<MacFrame> samples = FrameSamples.allCombinations();
        for (int i = 0; i < 150_000; i++) {
            MacFrameCodec codec = CODECS.get(i % CODECS.size());
            byte[] psdu = codec.encode(samples.get(random.nextInt(samples.size())));
            byte[] mpdu = Arrays.copyOf(psdu, psdu.length - codec.fcsType().length());
            mpdu = mutate(random, mpdu);
            check(codec, Psdus.withFcs(codec.fcsType(), mpdu));
        }
        assertThat(decoded).isPositive();
        // the mutations reach deep into the frame: every structural reason shows up
        assertThat(rejections.keySet()).contains(RejectReason.TRUNCATED_HEADER,
                RejectReason.TRUNCATED_SECURITY_HEADER, RejectReason.TRUNCATED_MIC, RejectReason.TRUNCATED_BEACON,
                RejectReason.MISSING_COMMAND_ID, RejectReason.TRUNCATED_IE, RejectReason.BAD_IE_LENGTH,
                RejectReason.WRONG_IE_TYPE, RejectReason.INVALID_PAN_ID_COMPRESSION);
    }

    private static byte[] mutate(Random random, byte[] mpdu) {
        switch (random.nextInt(5)) {
            case 0:  // truncate
                return Arrays.copyOf(mpdu, random.nextInt(mpdu.length + 1));
            case 1:  // extend with junk
                byte[] longer = Arrays.copyOf(mpdu, mpdu.length + 1 + random.nextInt(8));
                for (int i = mpdu.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            default:  // flip 1-3 random bits, biased to the header where the structure is
                byte[] m = mpdu.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips && m.length > 0; f++) {
                    int at = random.nextBoolean() ? random.nextInt(Math.min(m.length, 24)) : random.nextInt(m.length);
                    m[at] ^= (byte) (1 << random.nextInt(8));
                }
                return m;
        }
    }

    private void check(MacFrameCodec codec, byte[] psdu) {
        String input = HexFormat.of().formatHex(psdu);
        FrameDecodeResult result;
        try {
            result = codec.decode(psdu);
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw for " + codec.fcsType() + " " + input, e);
        }
        if (result instanceof FrameDecodeResult.Rejected r) {
            rejections.merge(r.reason(), 1, Integer::sum);
            return;
        }
        decoded++;
        MacFrame frame = ((FrameDecodeResult.Decoded) result).frame();
        byte[] again;
        try {
            again = codec.encode(frame);
        } catch (RuntimeException e) {
            throw new AssertionError("re-encoding threw for " + input + " -> " + frame, e);
        }
        assertThat(again).as("re-encoded length of %s", input).hasSize(psdu.length);
        assertThat(codec.decode(again)).as("decode(encode(decode(%s)))", input)
                .isEqualTo(new FrameDecodeResult.Decoded(frame));
    }
}
