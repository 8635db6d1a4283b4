package org.metermesh.radio.frame;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The builder refuses every frame the decoder could not give back unchanged, and says why. */
class MacFrameBuilderTest {

    private static final FrameVersion V2003 = FrameVersion.IEEE_802_15_4_2003;
    private static final FrameVersion V2006 = FrameVersion.IEEE_802_15_4_2006;
    private static final FrameVersion V2015 = FrameVersion.IEEE_802_15_4_2015;

    private static MacFrame.Builder data(FrameVersion v) {
        return MacFrame.builder(FrameType.DATA, v).sequenceNumber(1)
                .intraPan(0xcafe, ShortAddress.of(1), ShortAddress.of(2));
    }

    @Test
    void intraPanUsesOnePanIdInEveryVersion() {
        for (FrameVersion v : FrameVersion.values()) {
            MacFrame f = data(v).build();
            assertThat(f.destinationPanId()).hasValue(0xcafe);
            assertThat(f.sourcePanId()).isEmpty();
            assertThat(f.sourcePan()).hasValue(0xcafe);
            assertThat(f.panIdCompression()).isTrue();
        }
        MacFrame ext = MacFrame.builder(FrameType.DATA, V2015).intraPan(0xcafe, ExtendedAddress.of(1),
                ExtendedAddress.of(2)).build();
        assertThat(ext.panIdCompression()).as("Table 7-2 row 7").isFalse();
        MacFrame srcOnly = MacFrame.builder(FrameType.DATA, V2006).intraPan(0xcafe, MacAddress.NONE,
                ShortAddress.of(2)).build();
        assertThat(srcOnly.sourcePanId()).hasValue(0xcafe);
    }

    @Test
    void sequenceNumberSuppressionNeeds2015() {
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2006).suppressSequenceNumber().build())
                .withMessageContaining("7.2.2.8");
        assertThat(data(V2015).suppressSequenceNumber().build().sequenceNumber()).isEmpty();
    }

    @Test
    void panIdFieldsMustFitTheVersionsRules() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> data(V2015).destinationPanId(-1).build())
                .withMessageContaining("Table 7-2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MacFrame.builder(FrameType.DATA, V2006).destination(ShortAddress.of(1)).build())
                .withMessageContaining("7.2.1.1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2015).destination(0x10000, ShortAddress.of(1)));
    }

    @Test
    void securityRulesPerVersion() {
        AuxiliarySecurityHeader mic32 = AuxiliarySecurityHeader.implicitKey(SecurityLevel.MIC_32, 1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> data(V2003).security(mic32).payload(new byte[4]).build())
                .withMessageContaining("2003");
        AuxiliarySecurityHeader suppressed = new AuxiliarySecurityHeader(SecurityLevel.MIC_32, KeyIdMode.IMPLICIT,
                true, false, 0, null, 0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> data(V2006).security(suppressed).payload(new byte[4]).build())
                .withMessageContaining("2015");
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2006).security(mic32).payload(new byte[3]).build())
                .withMessageContaining("MIC");
        assertThat(data(V2003).legacySecurityEnabled(true).build().securityEnabled()).isTrue();
    }

    @Test
    void auxiliarySecurityHeaderChecksItsFields() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuxiliarySecurityHeader(SecurityLevel.ENC,
                KeyIdMode.KEY_SOURCE_4, false, false, 0, new byte[8], 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuxiliarySecurityHeader(SecurityLevel.ENC,
                KeyIdMode.IMPLICIT, false, false, 0x1_0000_0000L, null, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuxiliarySecurityHeader(SecurityLevel.ENC,
                KeyIdMode.IMPLICIT, true, false, 5, null, 0));
        AuxiliarySecurityHeader h = AuxiliarySecurityHeader.keySource(SecurityLevel.ENC_MIC_64, 7,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 9);
        assertThat(h.keyIdMode()).isEqualTo(KeyIdMode.KEY_SOURCE_8);
        assertThat(h.length()).isEqualTo(1 + 4 + 9);
        assertThat(h.securityControl()).isEqualTo(0x1e);
    }

    @Test
    void typeSpecificFields() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MacFrame.builder(FrameType.BEACON, V2006).source(0xcafe, ShortAddress.of(1)).build())
                .withMessageContaining("superframe");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> data(V2006)
                        .beacon(BeaconFields.of(SuperframeSpec.of(15, 15, 15, false, false, false))).build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MacFrame.builder(FrameType.MAC_COMMAND, V2015).build())
                .withMessageContaining("command ID");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> data(V2015).commandId(4).build());
        // a secured 2015 command keeps its ID in the encrypted payload
        MacFrame secured = MacFrame.builder(FrameType.MAC_COMMAND, V2015)
                .security(AuxiliarySecurityHeader.keyIndex(SecurityLevel.ENC_MIC_32, 3, 1))
                .payload(new byte[5]).build();
        assertThat(secured.commandId()).isEmpty();
    }

    @Test
    void ieListsMustBeTerminatedBeforeWhatFollows() {
        HeaderIe tc = HeaderIe.timeCorrection(12, false);
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2006).addHeaderIe(tc).build())
                .withMessageContaining("2015");
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2015).addHeaderIe(tc).payload(new byte[1]).build())
                .withMessageContaining("terminated");
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2015)
                .addHeaderIe(HeaderIe.headerTermination2()).addHeaderIe(tc).build());
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2015)
                .addPayloadIe(PayloadIe.vendorSpecific(1, new byte[0])).build())
                .withMessageContaining("HT1");
        assertThatIllegalArgumentException().isThrownBy(() -> data(V2015).addHeaderIe(HeaderIe.headerTermination1())
                .payload(new byte[1]).build());
        // unterminated header IEs with nothing after them are fine (7.4.1)
        assertThat(data(V2015).addHeaderIe(tc).build().headerIes()).containsExactly(tc);
    }

    @Test
    void terminateIesAddsWhatTheStandardRequires() {
        HeaderIe tc = HeaderIe.timeCorrection(12, false);
        PayloadIe vendor = PayloadIe.vendorSpecific(0x123456, new byte[] {1});

        assertThat(data(V2015).addHeaderIe(tc).payload(new byte[1]).terminateIes().build().headerIes())
                .containsExactly(tc, HeaderIe.headerTermination2());
        MacFrame both = data(V2015).addHeaderIe(tc).addPayloadIe(vendor).payload(new byte[1]).terminateIes().build();
        assertThat(both.headerIes()).containsExactly(tc, HeaderIe.headerTermination1());
        assertThat(both.payloadIes()).containsExactly(vendor, PayloadIe.payloadTermination());
        MacFrame noPayload = data(V2015).addPayloadIe(vendor).terminateIes().build();
        assertThat(noPayload.headerIes()).containsExactly(HeaderIe.headerTermination1());
        assertThat(noPayload.payloadIes()).containsExactly(vendor);
    }

    @Test
    void knownIesCheckTheirLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderIe.of(HeaderIe.ID_HT1, new byte[1]));
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderIe.of(HeaderIe.ID_TIME_CORRECTION, new byte[3]));
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderIe.of(1, new byte[128]));
        assertThatIllegalArgumentException().isThrownBy(() -> PayloadIe.of(PayloadIe.GROUP_MLME, new byte[] {6, 0x1a}));
        assertThatIllegalArgumentException().isThrownBy(() -> PayloadIe.of(1, new byte[2048]));
        HeaderIe tc = HeaderIe.timeCorrection(-100, true);
        assertThat(tc.timeCorrectionMicros()).isEqualTo(-100);
        assertThat(tc.timeCorrectionNack()).isTrue();
        assertThat(PayloadIe.mlme(List.of(MlmeSubIe.tschSynchronization(0x0102030405L, 7))).content())
                .containsExactly(0x06, 0x1a, 0x05, 0x04, 0x03, 0x02, 0x01, 0x07);
    }

    @Test
    void framesAreImmutable() {
        byte[] payload = {1, 2, 3};
        MacFrame f = data(V2006).payload(payload).build();
        payload[0] = 9;
        f.payload()[1] = 9;
        assertThat(f.payload()).containsExactly(1, 2, 3);
        assertThat(f.toBuilder().build()).isEqualTo(f);
        assertThat(f.toBuilder().sequenceNumber(2).build()).isNotEqualTo(f);
        assertThat(f.toString()).contains("DATA", "seq=1", "dstPan=0xcafe", "payload=010203");
    }
}
