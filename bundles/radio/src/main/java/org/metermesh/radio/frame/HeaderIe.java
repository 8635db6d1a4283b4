package org.metermesh.radio.frame;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Header IE, kept as element ID plus raw content so that unknown IEs survive decoding and re-encode byte for byte.
 *
 * <p>IEEE 802.15.4-2015 7.4.2.1 (Figure 7-22): a 2-octet descriptor, little-endian, with Length in b0-b6 (0..127),
 * Element ID in b7-b14 and Type = 0 in b15, followed by the content. Element IDs are listed in Table 7-7.
 * Header Termination 1 (0x7e) and 2 (0x7f) end the Header IE list (7.4.2.18/7.4.2.19) and have no content.
 *
 * @param elementId 0x00..0xff
 * @param content   0..127 octets
 */
public record HeaderIe(int elementId, byte[] content) {

    public static final int ID_VENDOR_SPECIFIC = 0x00;  // 7.4.2.3
    public static final int ID_CSL = 0x1a;              // 7.4.2.4
    public static final int ID_RIT = 0x1b;              // 7.4.2.5
    public static final int ID_TIME_CORRECTION = 0x1e;  // 7.4.2.7
    public static final int ID_HT1 = 0x7e;              // 7.4.2.18: Header IEs end, Payload IEs follow
    public static final int ID_HT2 = 0x7f;              // 7.4.2.19: Header IEs end, MAC payload follows

    public static final int MAX_CONTENT_LENGTH = 0x7f;

    private static final byte[] EMPTY = new byte[0];
    private static final HeaderIe HT1 = new HeaderIe(ID_HT1, EMPTY);
    private static final HeaderIe HT2 = new HeaderIe(ID_HT2, EMPTY);

    public HeaderIe {
        if (elementId < 0 || elementId > 0xff) {
            throw new IllegalArgumentException("header IE element ID " + elementId + " is outside 0..0xff");
        }
        content = content == null ? EMPTY : content.clone();
        String problem = contentLengthProblem(elementId, content.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static HeaderIe of(int elementId, byte[] content) {
        return new HeaderIe(elementId, content);
    }

    /** Header Termination 1: Payload IEs follow. */
    public static HeaderIe headerTermination1() {
        return HT1;
    }

    /** Header Termination 2: the MAC payload follows, no Payload IEs. */
    public static HeaderIe headerTermination2() {
        return HT2;
    }

    /**
     * Time Correction IE (7.4.2.7): Time Sync Info with a signed 12-bit correction in microseconds (b0-b11) and the
     * ACK status (b15, 1 = NACK).
     */
    public static HeaderIe timeCorrection(int microseconds, boolean nack) {
        if (microseconds < -2048 || microseconds > 2047) {
            throw new IllegalArgumentException("time correction " + microseconds + " us is outside -2048..2047");
        }
        int info = (microseconds & 0x0fff) | (nack ? 0x8000 : 0);
        return new HeaderIe(ID_TIME_CORRECTION, new byte[] {(byte) info, (byte) (info >>> 8)});
    }

    /** Vendor Specific Header IE (7.4.2.3): 3-octet OUI, sent least significant octet first as Wireshark reads it. */
    public static HeaderIe vendorSpecific(int oui, byte[] vendorContent) {
        return new HeaderIe(ID_VENDOR_SPECIFIC, withOui(oui, vendorContent));
    }

    static byte[] withOui(int oui, byte[] vendorContent) {
        if (oui < 0 || oui > 0xffffff) {
            throw new IllegalArgumentException("OUI " + oui + " is not 24 bits");
        }
        byte[] c = new byte[3 + vendorContent.length];
        c[0] = (byte) oui;
        c[1] = (byte) (oui >>> 8);
        c[2] = (byte) (oui >>> 16);
        System.arraycopy(vendorContent, 0, c, 3, vendorContent.length);
        return c;
    }

    /** Null if a content of this length is acceptable for this element ID, otherwise why not. */
    static String contentLengthProblem(int elementId, int length) {
        if (length > MAX_CONTENT_LENGTH) {
            return "header IE content of " + length + " octets exceeds 127";
        }
        if ((elementId == ID_HT1 || elementId == ID_HT2) && length != 0) {
            return "header termination IE 0x" + Integer.toHexString(elementId) + " must be empty, has " + length;
        }
        if (elementId == ID_TIME_CORRECTION && length != 2) {
            return "time correction IE must have 2 octets, has " + length;
        }
        return null;
    }

    /** Returns a copy of the content. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    public int contentLength() {
        return content.length;
    }

    public boolean isTermination() {
        return elementId == ID_HT1 || elementId == ID_HT2;
    }

    /** For a Time Correction IE: the signed correction in microseconds. */
    public int timeCorrectionMicros() {
        requireId(ID_TIME_CORRECTION);
        int info = (content[0] & 0xff) | (content[1] & 0xff) << 8;
        return (info << 20) >> 20;
    }

    /** For a Time Correction IE: whether the ACK status says NACK. */
    public boolean timeCorrectionNack() {
        requireId(ID_TIME_CORRECTION);
        return (content[1] & 0x80) != 0;
    }

    private void requireId(int id) {
        if (elementId != id) {
            throw new IllegalStateException("not header IE 0x" + Integer.toHexString(id));
        }
    }

    /** Octets on air, descriptor included. */
    int length() {
        return 2 + content.length;
    }

    int descriptor() {
        return content.length | elementId << 7;
    }

    void writeContent(byte[] dst, int off) {
        System.arraycopy(content, 0, dst, off, content.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderIe ie && elementId == ie.elementId && Arrays.equals(content, ie.content);
    }

    @Override
    public int hashCode() {
        return elementId * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "HeaderIe[0x" + Integer.toHexString(elementId) + ": " + HexFormat.of().formatHex(content) + "]";
    }
}
