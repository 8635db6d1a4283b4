package org.metermesh.radio.frame;

import java.util.Arrays;
import java.util.HexFormat;

/** Test helpers for hand-made PSDUs. */
final class Psdus {

    private Psdus() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The MPDU with a correct FCS of the given type appended. */
    static byte[] withFcs(FcsType fcs, byte[] mpdu) {
        byte[] psdu = Arrays.copyOf(mpdu, mpdu.length + fcs.length());
        fcs.append(psdu, 0, mpdu.length);
        return psdu;
    }

    static byte[] withCrc16(String mpduHex) {
        return withFcs(FcsType.CRC16, hex(mpduHex));
    }

    static MacFrame decodeOk(MacFrameCodec codec, byte[] psdu) {
        FrameDecodeResult r = codec.decode(psdu);
        if (r instanceof FrameDecodeResult.Decoded d) {
            return d.frame();
        }
        throw new AssertionError("expected a frame from " + HexFormat.of().formatHex(psdu) + " but got " + r);
    }
}
