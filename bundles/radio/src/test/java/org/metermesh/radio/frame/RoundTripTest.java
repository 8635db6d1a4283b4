package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private static final List<MacFrameCodec> CODECS = List.of(MacFrameCodec.classic(), MacFrameCodec.sun(),
            new MacFrameCodec(FcsType.NONE, 127));

    static Stream<Arguments> samples() {
        return FrameSamples.allCombinations().stream().flatMap(f -> CODECS.stream().map(c -> Arguments.of(
                f.version() + " " + f.type() + " " + f.destination().mode() + "/" + f.source().mode()
                        + " dstPan=" + f.destinationPanId().isPresent() + " srcPan=" + f.sourcePanId().isPresent()
                        + " " + c.fcsType(), c, f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodeThenDecodeGivesTheSameFrameAndTheSameOctets(String name, MacFrameCodec codec, MacFrame frame) {
        byte[] psdu = codec.encode(frame);
        assertThat(psdu).hasSize(codec.psduLength(frame));

        MacFrame decoded = Psdus.decodeOk(codec, psdu);

        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.hashCode()).isEqualTo(frame.hashCode());
        assertThat(codec.encode(decoded)).isEqualTo(psdu);
    }

    @Test
    void samplesCoverEveryVersionTypeAndAddressingCombination() {
        List<MacFrame> samples = FrameSamples.allCombinations();
        for (FrameVersion v : FrameVersion.values()) {
            for (FrameType t : FrameType.values()) {
                for (AddressingMode d : AddressingMode.values()) {
                    for (AddressingMode s : AddressingMode.values()) {
                        assertThat(samples).as("%s %s %s/%s", v, t, d, s).anyMatch(f -> f.version() == v
                                && f.type() == t && f.destination().mode() == d && f.source().mode() == s);
                    }
                }
            }
        }
        // both compression bit values wherever the version allows both
        assertThat(samples).filteredOn(f -> f.version() == FrameVersion.IEEE_802_15_4_2015)
                .extracting(MacFrame::panIdCompression).contains(true, false);
        Set<KeyIdMode> keyModes = EnumSet.noneOf(KeyIdMode.class);
        Set<SecurityLevel> levels = EnumSet.noneOf(SecurityLevel.class);
        samples.forEach(f -> f.security().ifPresent(h -> {
            keyModes.add(h.keyIdMode());
            levels.add(h.level());
        }));
        assertThat(keyModes).containsExactlyInAnyOrder(KeyIdMode.values());
        assertThat(levels).hasSize(7);
        assertThat(samples).anyMatch(f -> f.security().map(AuxiliarySecurityHeader::frameCounterSuppressed)
                .orElse(false));
        assertThat(samples).anyMatch(MacFrame::sequenceNumberSuppressed);
        assertThat(samples).anyMatch(f -> !f.payloadIes().isEmpty());
        assertThat(samples).anyMatch(f -> f.beacon().map(b -> !b.gts().isEmpty()).orElse(false));
        assertThat(samples).anyMatch(f -> f.beacon().map(b -> !b.pendingExtended().isEmpty()).orElse(false));
    }

    @Test
    void largestSunFrameRoundTrips() {
        MacFrameCodec sun = MacFrameCodec.sun();
        MacFrame probe = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2015).sequenceNumber(1)
                .intraPan(0xcafe, ExtendedAddress.of(1), ExtendedAddress.of(2)).build();
        byte[] payload = new byte[MacFrameCodec.MAX_PSDU_SUN - sun.psduLength(probe)];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        MacFrame frame = probe.toBuilder().payload(payload).build();
        byte[] psdu = sun.encode(frame);

        assertThat(psdu).hasSize(2047);
        assertThat(Psdus.decodeOk(sun, psdu)).isEqualTo(frame);
    }

    @Test
    void largePayloadIesUseTheElevenBitLength() {
        MacFrameCodec sun = MacFrameCodec.sun();
        MacFrame frame = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2015).sequenceNumber(9)
                .intraPan(0xcafe, ShortAddress.of(1), ShortAddress.of(2))
                .addPayloadIe(PayloadIe.of(PayloadIe.GROUP_ESDU, new byte[1500]))
                .addPayloadIe(PayloadIe.mlme(List.of(MlmeSubIe.longFormat(MlmeSubIe.SUB_ID_CHANNEL_HOPPING,
                        new byte[300]))))
                .payload(new byte[] {1, 2, 3}).terminateIes().build();

        assertThat(frame.headerIes()).containsExactly(HeaderIe.headerTermination1());
        assertThat(frame.payloadIes()).last().isEqualTo(PayloadIe.payloadTermination());
        MacFrame decoded = Psdus.decodeOk(sun, sun.encode(frame));
        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.payloadIes().get(1).mlmeSubIes()).singleElement()
                .satisfies(s -> assertThat(s.longFormat()).isTrue());
    }

    @Test
    void encodeIntoACallerBufferWritesTheSameOctets() {
        MacFrameCodec codec = MacFrameCodec.classic();
        MacFrame frame = FrameSamples.allCombinations().get(42);
        byte[] buf = new byte[200];
        int n = codec.encode(frame, buf, 10);
        assertThat(java.util.Arrays.copyOfRange(buf, 10, 10 + n)).isEqualTo(codec.encode(frame));
        assertThat(codec.decode(buf, 10, n)).isEqualTo(new FrameDecodeResult.Decoded(frame));
    }
}
