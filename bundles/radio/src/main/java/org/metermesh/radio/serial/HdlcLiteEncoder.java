package org.metermesh.radio.serial;

import java.io.ByteArrayOutputStream;

/**
 * Wraps one payload into an HDLC-lite frame: opening flag, payload and CRC-16/X.25 FCS (low octet first, RFC 1662
 * Appendix C.2) with the octets of {@link HdlcLite#needsEscape(int)} escaped, closing flag.
 *
 * <p>Sending a flag at both ends, as OpenThread does, lets the receiver resynchronise after line noise.
 */
public final class HdlcLiteEncoder {

    private HdlcLiteEncoder() {
    }

    public static byte[] encode(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        out.write(HdlcLite.FLAG);
        for (byte octet : payload) {
            writeEscaped(out, octet & 0xff);
        }
        int fcs = Crc16X25.compute(payload);
        writeEscaped(out, fcs & 0xff);
        writeEscaped(out, fcs >>> 8);
        out.write(HdlcLite.FLAG);
        return out.toByteArray();
    }

    private static void writeEscaped(ByteArrayOutputStream out, int octet) {
        if (HdlcLite.needsEscape(octet)) {
            out.write(HdlcLite.ESCAPE);
            out.write(octet ^ HdlcLite.ESCAPE_XOR);
        } else {
            out.write(octet);
        }
    }
}
