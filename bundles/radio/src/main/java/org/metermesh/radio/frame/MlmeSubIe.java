package org.metermesh.radio.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A sub-IE nested in an MLME Payload IE (group 0x1).
 *
 * <p>IEEE 802.15.4-2015 7.4.4.1 (Figures 7-49, 7-50): a 2-octet little-endian descriptor with Type in b15. Short
 * format (Type 0): Length b0-b7 (0..255), Sub-ID b8-b14. Long format (Type 1): Length b0-b10 (0..2047), Sub-ID
 * b11-b14. Sub-IDs are listed in Table 7-15 (e.g. 0x1a TSCH Synchronization, short; 0x9 Channel Hopping, long).
 *
 * @param longFormat whether the long descriptor format is used
 * @param subId      0..127 (short) or 0..15 (long)
 * @param content    0..255 (short) or 0..2047 (long) octets
 */
public record MlmeSubIe(boolean longFormat, int subId, byte[] content) {

    public static final int SUB_ID_TSCH_SYNCHRONIZATION = 0x1a;  // 7.4.4.2, short format
    public static final int SUB_ID_CHANNEL_HOPPING = 0x09;       // 7.4.4.31, long format

    public MlmeSubIe {
        content = content == null ? new byte[0] : content.clone();
        int maxId = longFormat ? 0x0f : 0x7f;
        int maxLength = longFormat ? 0x7ff : 0xff;
        if (subId < 0 || subId > maxId) {
            throw new IllegalArgumentException("MLME sub-ID " + subId + " is outside 0.." + maxId);
        }
        if (content.length > maxLength) {
            throw new IllegalArgumentException("MLME sub-IE content of " + content.length + " exceeds " + maxLength);
        }
    }

    public static MlmeSubIe shortFormat(int subId, byte[] content) {
        return new MlmeSubIe(false, subId, content);
    }

    public static MlmeSubIe longFormat(int subId, byte[] content) {
        return new MlmeSubIe(true, subId, content);
    }

    /** TSCH Synchronization IE (7.4.4.2): 5-octet ASN and 1-octet Join Metric. */
    public static MlmeSubIe tschSynchronization(long asn, int joinMetric) {
        byte[] c = new byte[6];
        for (int i = 0; i < 5; i++) {
            c[i] = (byte) (asn >>> (8 * i));
        }
        c[5] = (byte) joinMetric;
        return shortFormat(SUB_ID_TSCH_SYNCHRONIZATION, c);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int length() {
        return 2 + content.length;
    }

    /** Concatenates sub-IEs into the content of an MLME Payload IE. */
    static byte[] encodeAll(List<MlmeSubIe> subIes) {
        int total = 0;
        for (MlmeSubIe s : subIes) {
            total += s.length();
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (MlmeSubIe s : subIes) {
            int d = s.longFormat ? 0x8000 | s.subId << 11 | s.content.length : s.subId << 8 | s.content.length;
            out[pos] = (byte) d;
            out[pos + 1] = (byte) (d >>> 8);
            System.arraycopy(s.content, 0, out, pos + 2, s.content.length);
            pos += s.length();
        }
        return out;
    }

    /** Offset of the first sub-IE that does not fit in {@code [off, off + len)}, or -1 if they tile it exactly. */
    static int firstMisfit(byte[] b, int off, int len) {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < 2) {
                return pos;
            }
            int d = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
            int length = (d & 0x8000) != 0 ? d & 0x7ff : d & 0xff;
            if (length > end - pos - 2) {
                return pos;
            }
            pos += 2 + length;
        }
        return -1;
    }

    /** Splits well-formed MLME IE content (see {@link #firstMisfit}) into sub-IEs. */
    static List<MlmeSubIe> decodeAll(byte[] b) {
        List<MlmeSubIe> out = new ArrayList<>();
        int pos = 0;
        while (pos + 2 <= b.length) {
            int d = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
            boolean isLong = (d & 0x8000) != 0;
            int length = isLong ? d & 0x7ff : d & 0xff;
            int id = isLong ? (d >>> 11) & 0x0f : (d >>> 8) & 0x7f;
            out.add(new MlmeSubIe(isLong, id, Arrays.copyOfRange(b, pos + 2, pos + 2 + length)));
            pos += 2 + length;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlmeSubIe s && longFormat == s.longFormat && subId == s.subId
                && Arrays.equals(content, s.content);
    }

    @Override
    public int hashCode() {
        return (subId * 2 + (longFormat ? 1 : 0)) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "MlmeSubIe[" + (longFormat ? "long " : "short ") + "0x" + Integer.toHexString(subId) + ": "
                + HexFormat.of().formatHex(content) + "]";
    }
}
