package org.metermesh.radio.frame;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Frames from the standard itself. The IEEE 802.15.4-2006 Annex C.2 vectors carry no FCS, so one is appended; their
 * integrity was cross-checked independently by recomputing the CCM* MIC (C.2.1) and ciphertext (C.2.2) with the
 * Annex's key C0..CF and nonce before use here.
 */
class KnownVectorsTest {

    private final MacFrameCodec codec = MacFrameCodec.classic();

    @Test
    void acknowledgmentFrameOfTheFcsExample() {
        // IEEE 802.15.4-2006 7.2.1.9: ack, sequence number 0x6a (bits 0101 0110 sent LSB first).
        byte[] psdu = Psdus.hex("02006ae479");
        MacFrame f = Psdus.decodeOk(codec, psdu);
        assertThat(f.type()).isEqualTo(FrameType.ACK);
        assertThat(f.version()).isEqualTo(FrameVersion.IEEE_802_15_4_2003);
        assertThat(f.sequenceNumber()).hasValue(0x6a);
        assertThat(f.destination()).isEqualTo(MacAddress.NONE);
        assertThat(f.source()).isEqualTo(MacAddress.NONE);
        assertThat(codec.encode(f)).isEqualTo(psdu);
    }

    @Test
    void immediateAcknowledgementIsTheFcsExampleAndTheSameArrayEachTime() {
        byte[] psdu = codec.immediateAck(FrameVersion.IEEE_802_15_4_2003, 0x6a);

        assertThat(psdu).isEqualTo(Psdus.hex("02006ae479")); // IEEE 802.15.4-2006 7.2.1.9, as above
        assertThat(codec.immediateAck(FrameVersion.IEEE_802_15_4_2003, 0x6a)).isSameAs(psdu);
        for (FrameVersion version : FrameVersion.values()) {
            for (int sequence = 0; sequence < 256; sequence++) {
                assertThat(codec.immediateAck(version, sequence)).as("%s %d", version, sequence).isEqualTo(
                        codec.encode(MacFrame.builder(FrameType.ACK, version).sequenceNumber(sequence).build()));
            }
        }
    }

    @Test
    void securedBeaconOfAnnexC21() {
        // IEEE 802.15.4-2006 Annex C.2.1 "MAC beacon frame": MIC-64, key id mode 0, frame counter 5.
        byte[] psdu = Psdus.withCrc16("08d0 84 2143 01000000 0048deac 02 05000000 55cf 00 00 51525354"
                + "223bc1ec841ab553");
        MacFrame f = Psdus.decodeOk(codec, psdu);
        assertThat(f.type()).isEqualTo(FrameType.BEACON);
        assertThat(f.version()).isEqualTo(FrameVersion.IEEE_802_15_4_2006);
        assertThat(f.sequenceNumber()).hasValue(0x84);
        assertThat(f.destinationPanId()).isEmpty();
        assertThat(f.sourcePanId()).hasValue(0x4321);
        assertThat(f.source()).isEqualTo(ExtendedAddress.of(0xacde480000000001L));
        assertThat(f.security()).hasValue(AuxiliarySecurityHeader.implicitKey(SecurityLevel.MIC_64, 5));
        BeaconFields beacon = f.beacon().orElseThrow();
        assertThat(beacon.superframe().value()).isEqualTo(0xcf55);
        assertThat(beacon.superframe().beaconOrder()).isEqualTo(5);
        assertThat(beacon.superframe().superframeOrder()).isEqualTo(5);
        assertThat(beacon.superframe().finalCapSlot()).isEqualTo(15);
        assertThat(beacon.superframe().panCoordinator()).isTrue();
        assertThat(beacon.superframe().associationPermit()).isTrue();
        assertThat(beacon.gts()).isEmpty();
        // beacon payload 51 52 53 54 followed by the 8-octet MIC, opaque to the codec
        assertThat(f.payload()).isEqualTo(Psdus.hex("51525354 223bc1ec841ab553"));
        assertThat(codec.encode(f)).isEqualTo(psdu);
    }

    @Test
    void encryptedDataFrameOfAnnexC22() {
        // IEEE 802.15.4-2006 Annex C.2.2 "MAC data frame": ENC (level 4), intra-PAN, extended addresses.
        byte[] psdu = Psdus.withCrc16("69dc 84 2143 02000000 0048deac 01000000 0048deac 04 05000000 d43e022b");
        MacFrame f = Psdus.decodeOk(codec, psdu);
        assertThat(f.type()).isEqualTo(FrameType.DATA);
        assertThat(f.ackRequest()).isTrue();
        assertThat(f.panIdCompression()).isTrue();
        assertThat(f.destinationPanId()).hasValue(0x4321);
        assertThat(f.sourcePanId()).isEmpty();
        assertThat(f.sourcePan()).hasValue(0x4321);
        assertThat(f.destination()).isEqualTo(ExtendedAddress.of(0xacde480000000002L));
        assertThat(f.source()).isEqualTo(ExtendedAddress.of(0xacde480000000001L));
        assertThat(f.security()).hasValue(AuxiliarySecurityHeader.implicitKey(SecurityLevel.ENC, 5));
        assertThat(f.payload()).isEqualTo(Psdus.hex("d43e022b"));
        assertThat(codec.encode(f)).isEqualTo(psdu);
    }

    @Test
    void extendedAddressesAreLittleEndianOnAir() {
        MacFrame f = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2006).sequenceNumber(1)
                .intraPan(0xcafe, ExtendedAddress.of(0x0011223344556677L), ShortAddress.of(0xabcd)).build();
        // FCF 0x9c41: data, PAN ID compression, dst extended (0x0c00), version 2006 (0x1000), src short (0x8000)
        assertThat(codec.encode(f)).startsWith(Psdus.hex("419c 01 feca 7766554433221100 cdab"));
    }
}
