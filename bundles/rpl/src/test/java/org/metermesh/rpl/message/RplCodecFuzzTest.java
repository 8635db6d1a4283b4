package org.metermesh.rpl.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.metermesh.rpl.testsupport.Hex;

/**
 * Random, mutated and structured-random bodies: decoding must never throw, and whatever decodes must re-encode to
 * a body that decodes to the same value (the decoder's output is always encodable, and canonical).
 */
class RplCodecFuzzTest {

    private static final int[] CODES = {0, 1, 2, 3, 0x80, 0x81, 0x82, 0x83, 0x8a, 4, 0xff};

    private final RplCodec codec = RplCodec.defaults();
    private final Map<RplRejectReason, Integer> rejections = new EnumMap<>(RplRejectReason.class);
    private int decoded;

    private void check(int code, byte[] body) {
        RplDecodeResult r;
        try {
            r = codec.decode(code, body, 0, body.length);
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw for code " + code + " body " + Hex.string(body), e);
        }
        if (r instanceof RplDecodeResult.Decoded d) {
            decoded++;
            byte[] again;
            try {
                again = codec.encode(d.message());
            } catch (RuntimeException e) {
                throw new AssertionError("re-encoding failed for " + d.message() + " from " + Hex.string(body), e);
            }
            RplDecodeResult r2 = codec.decode(code, again);
            if (!(r2 instanceof RplDecodeResult.Decoded d2) || !d2.message().equals(d.message())) {
                fail("not canonical: " + Hex.string(body) + " -> " + d.message() + " -> " + Hex.string(again) + " -> "
                        + r2);
            }
        } else {
            rejections.merge(((RplDecodeResult.Rejected) r).reason(), 1, Integer::sum);
        }
    }

    @Test
    void randomBodiesNeverThrow() {
        SplittableRandom random = new SplittableRandom(20260101);
        for (int i = 0; i < 40_000; i++) {
            byte[] body = new byte[random.nextInt(0, 120)];
            random.nextBytes(body);
            check(CODES[random.nextInt(CODES.length)], body);
        }
        assertThat(rejections).containsKeys(RplRejectReason.TRUNCATED_BASE, RplRejectReason.UNSUPPORTED_SECURE,
                RplRejectReason.UNKNOWN_CODE, RplRejectReason.OPTION_OVERRUN);
    }

    @Test
    void mutatedSamplesNeverThrow() {
        SplittableRandom random = new SplittableRandom(6550);
        for (RplMessage m : Samples.all()) {
            byte[] good = codec.encode(m);
            for (int i = 0; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) (1 << bit);
                    check(m.code(), bad);
                }
                for (int n = 0; n < 8; n++) {
                    byte[] bad = good.clone();
                    bad[i] = (byte) random.nextInt(256);
                    check(m.code(), bad);
                }
            }
            for (int len = 0; len <= good.length; len++) {
                check(m.code(), Arrays.copyOf(good, len));
            }
            for (int extra = 1; extra < 40; extra++) {
                byte[] longer = Arrays.copyOf(good, good.length + extra);
                for (int i = good.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                check(m.code(), longer);
            }
        }
        assertThat(decoded).isGreaterThan(1000);
        assertThat(rejections).containsKeys(RplRejectReason.BAD_OPTION_LENGTH, RplRejectReason.BAD_PREFIX_LENGTH,
                RplRejectReason.OPTION_OVERRUN, RplRejectReason.TRUNCATED_BASE, RplRejectReason.TRUNCATED_OPTION);
    }

    @Test
    void randomOptionListsOnValidBasesNeverThrow() {
        // Valid bases followed by TLVs of types 0-12 with lengths near the expected ones: reaches every option
        // decoder far more often than uniformly random octets do.
        SplittableRandom random = new SplittableRandom(6206);
        String[] bases = {"0000", "1ef00100 88f00000 fd000000000000000000000000000001", "1e000001",
            "1e40 0001 fd000000000000000000000000000001", "1e000500"};
        int[] baseCodes = {0, 1, 2, 2, 3};
        int[] usualLengths = {0, 3, 6, 22, 14, 18, 20, 19, 30, 4, 2, 0, 5};
        for (int i = 0; i < 30_000; i++) {
            int b = random.nextInt(bases.length);
            byte[] base = Hex.bytes(bases[b]);
            byte[] body = Arrays.copyOf(base, base.length + 200);
            int p = base.length;
            int options = random.nextInt(1, 6);
            for (int o = 0; o < options && p < body.length - 2; o++) {
                int type = random.nextInt(13);
                body[p++] = (byte) type;
                if (type == 0) {
                    continue;
                }
                int len = Math.max(0, usualLengths[type] + random.nextInt(-2, 3));
                body[p++] = (byte) len;
                for (int k = 0; k < len && p < body.length; k++) {
                    body[p++] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(0, 0x90));
                }
            }
            check(baseCodes[b], Arrays.copyOf(body, p - random.nextInt(0, 2)));
        }
        assertThat(decoded).isGreaterThan(3000);
        assertThat(rejections).containsKeys(RplRejectReason.BAD_OPTION_LENGTH, RplRejectReason.BAD_PREFIX_LENGTH);
    }
}
