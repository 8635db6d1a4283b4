package org.metermesh.radio.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.metermesh.radio.frame.FcsType;

class PcapWriterTest {

    private static final byte[] ACK = HexFormat.of().parseHex("02006ae479");  // 802.15.4-2006 7.2.1.9 example
    private static final long T = 1_700_000_000_000_123L;                     // 2023-11-14T22:13:20.000123Z

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void fileHeaderIsClassicPcapLittleEndianMicroseconds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, LinkType.IEEE802_15_4_WITHFCS);
        // pcap-savefile(5): magic, version 2.4, thiszone, sigfigs, snaplen 262144, LINKTYPE 195
        assertThat(hex(out.toByteArray())).isEqualTo("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000"
                + "00000400" + "c3000000");

        out.reset();
        new PcapWriter(out, LinkType.IEEE802_15_4_TAP);
        assertThat(hex(out.toByteArray())).endsWith("1b010000");  // LINKTYPE 283
    }

    @Test
    void withFcsRecordCarriesThePsduAsIs() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, LinkType.IEEE802_15_4_WITHFCS);
        w.write(T, ACK, 0, ACK.length, TapMetadata.of(FcsType.CRC16).withRss(-50f));

        byte[] record = Arrays.copyOfRange(out.toByteArray(), 24, out.size());
        // seconds 1700000000 = 0x6553f100, microseconds 123, captured and original length 5
        assertThat(hex(record)).isEqualTo("00f15365" + "7b000000" + "05000000" + "05000000" + "02006ae479");
        assertThat(w.framesWritten()).isEqualTo(1);
    }

    @Test
    void tapRecordHasPaddedTlvsBeforeThePsdu() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, LinkType.IEEE802_15_4_TAP);
        TapMetadata meta = TapMetadata.of(FcsType.CRC16).withRss(-71.5f).withChannel(17, 0).withLqi(200)
                .withChannelFrequencyKhz(2_435_000f).withBitRate(250_000);
        w.write(Instant.ofEpochSecond(1_700_000_000L, 123_456), ACK, meta);

        byte[] record = Arrays.copyOfRange(out.toByteArray(), 24, out.size());
        String tap = "0000" + "3400"                    // version 0, reserved, length 52
                + "0000" + "0100" + "01000000"           // FCS_TYPE = 1 (16-bit CRC), padded
                + "0100" + "0400" + "00008fc2"           // RSS = -71.5f
                + "0200" + "0400" + "90d00300"           // BIT_RATE = 250000
                + "0300" + "0300" + "1100" + "00" + "00" // CHANNEL_ASSIGNMENT channel 17 page 0, padded
                + "0a00" + "0100" + "c8000000"           // LQI = 200, padded
                + "0b00" + "0400" + "e09e144a";          // CHANNEL_FREQUENCY = 2435000.0f kHz
        assertThat(hex(record)).isEqualTo("00f15365" + "7b000000" + "39000000" + "39000000" + tap + hex(ACK));
    }

    @Test
    void refusesWhatTheLinkTypeCannotCarry() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), LinkType.IEEE802_15_4_WITHFCS);
        assertThatIllegalArgumentException().isThrownBy(() -> w.write(T, ACK, 0, 3, TapMetadata.of(FcsType.NONE)));
        assertThatIllegalArgumentException().isThrownBy(() -> w.write(-1, ACK, 0, 5, TapMetadata.of(FcsType.CRC16)));
        assertThatIllegalArgumentException().isThrownBy(() -> TapMetadata.of(FcsType.CRC16).withLqi(256));
    }
}
