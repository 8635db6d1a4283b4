package org.metermesh.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.metermesh.radio.frame.AuxiliarySecurityHeader;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.radio.frame.FrameDecodeResult;
import org.metermesh.radio.frame.FrameType;
import org.metermesh.radio.frame.FrameVersion;
import org.metermesh.radio.frame.HeaderIe;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.frame.MlmeSubIe;
import org.metermesh.radio.frame.PayloadIe;
import org.metermesh.radio.frame.SecurityLevel;
import org.metermesh.api.radio.ShortAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Frames per second on one core for IEEE 802.15.4 MAC frame decoding (FCS check included) and encoding (FCS
 * included, into a reused buffer) with {@link MacFrameCodec}. Three typical frames:
 * <ul>
 *   <li>{@code oqpsk-2006-short}: 2006 data frame, intra-PAN short addresses, 60-octet payload, CRC-16
 *       (a 6LoWPAN packet on 2.4 GHz);</li>
 *   <li>{@code oqpsk-2015-secured}: 2015 data frame, extended addresses, auxiliary security header with key index,
 *       ENC-MIC-32, 80-octet opaque payload, CRC-16;</li>
 *   <li>{@code sun-2015-ies}: 2015 data frame on a SUN PHY, header IEs (time correction, vendor), payload IEs (MLME
 *       TSCH synchronization, vendor), 400-octet payload, CRC-32.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MacFrameCodecBenchmark {

    @Param({"oqpsk-2006-short", "oqpsk-2015-secured", "sun-2015-ies"})
    public String frame;

    private MacFrameCodec codec;
    private MacFrame value;
    private byte[] psdu;
    private byte[] buffer;

    @Setup
    public void setUp() {
        switch (frame) {
            case "oqpsk-2006-short":
                codec = MacFrameCodec.classic();
                value = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2006).sequenceNumber(42)
                        .ackRequest(true).intraPan(0xcafe, ShortAddress.of(0x0001), ShortAddress.of(0x0002))
                        .payload(bytes(60)).build();
                break;
            case "oqpsk-2015-secured":
                codec = MacFrameCodec.classic();
                value = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2015).sequenceNumber(42)
                        .ackRequest(true)
                        .intraPan(0xcafe, ExtendedAddress.of(0x0200_4d6d_0000_0001L),
                                ExtendedAddress.of(0x0200_4d6d_0000_0002L))
                        .security(AuxiliarySecurityHeader.keyIndex(SecurityLevel.ENC_MIC_32, 123_456, 1))
                        .payload(bytes(80)).build();
                break;
            case "sun-2015-ies":
                codec = MacFrameCodec.sun();
                value = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2015).sequenceNumber(42)
                        .intraPan(0xcafe, ShortAddress.of(0x0001), ExtendedAddress.of(0x0200_4d6d_0000_0002L))
                        .addHeaderIe(HeaderIe.timeCorrection(-12, false))
                        .addHeaderIe(HeaderIe.vendorSpecific(0x00124b, bytes(6)))
                        .addPayloadIe(PayloadIe.mlme(List.of(MlmeSubIe.tschSynchronization(1_000_000L, 1))))
                        .addPayloadIe(PayloadIe.vendorSpecific(0x00124b, bytes(20)))
                        .payload(bytes(400)).terminateIes().build();
                break;
            default:
                throw new IllegalArgumentException(frame);
        }
        psdu = codec.encode(value);
        buffer = new byte[codec.maxPsduLength()];
        if (!(codec.decode(psdu) instanceof FrameDecodeResult.Decoded)) {
            throw new IllegalStateException("benchmark frame does not decode");
        }
    }

    @Benchmark
    public FrameDecodeResult decode() {
        return codec.decode(psdu);
    }

    @Benchmark
    public int encode() {
        return codec.encode(value, buffer, 0);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
