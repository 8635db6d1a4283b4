package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs: every decoder returns a result (decoded or a typed rejection) and never throws,
 * and whatever decodes re-encodes to something that decodes to the same payload.
 */
class DecoderFuzzTest {

    private static final int ROUNDS = 20_000;

    private final KuraPayloadCodec protobuf = new KuraPayloadCodec();
    private final JsonPayloadCodec json = new JsonPayloadCodec();

    @Test
    void protobufDecoderOnMutatedMessages() {
        Random random = new Random(1);
        byte[] seed = protobuf.encode(Payloads.everyType());
        int decoded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seed, random);
            PayloadDecodeResult result = protobuf.decode(input);
            assertThat(result).isNotNull();
            if (result instanceof PayloadDecodeResult.Decoded d) {
                decoded++;
                assertThat(protobuf.decode(protobuf.encode(d.payload())))
                        .isEqualTo(new PayloadDecodeResult.Decoded(d.payload()));
            }
        }
        assertThat(decoded).as("some mutations still decode").isPositive();
    }

    @Test
    void jsonDecoderOnMutatedText() {
        Random random = new Random(2);
        byte[] seed = json.encode(Payloads.everyType());
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seed, random);
            PayloadDecodeResult result = json.decode(input);
            assertThat(result).isNotNull();
            if (result instanceof PayloadDecodeResult.Decoded d) {
                assertThat(json.decode(json.encode(d.payload())))
                        .isEqualTo(new PayloadDecodeResult.Decoded(d.payload()));
            }
        }
    }

    @Test
    void topicParserOnRandomStrings() {
        Random random = new Random(3);
        String alphabet = "ab$/+#\0EDCMQTBIRHGEPUXRLY-_/";
        for (int i = 0; i < ROUNDS; i++) {
            StringBuilder topic = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                topic.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = topic.toString();
            assertThatCode(() -> {
                TopicParseResult result = KuraTopics.parse(t);
                if (result instanceof TopicParseResult.Parsed p) {
                    assertThat(p.topic().topic()).isEqualTo(t);
                }
            }).as("topic %s", t.getBytes(StandardCharsets.UTF_8)).doesNotThrowAnyException();
        }
    }

    /** One to four random edits: flip, set, insert or delete an octet, or cut the input. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 3 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> out = java.util.Arrays.copyOf(out, at);
            }
        }
        return out;
    }
}
