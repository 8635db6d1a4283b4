package org.metermesh.radio.frame;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Payload IE, kept as group ID plus raw content so that unknown groups survive decoding byte for byte.
 *
 * <p>IEEE 802.15.4-2015 7.4.3.1 (Figure 7-46): a 2-octet little-endian descriptor with Length in b0-b10 (0..2047),
 * Group ID in b11-b14 and Type = 1 in b15. Group IDs are listed in Table 7-14; 0xf is the Payload Termination IE
 * (7.4.3.4), which has no content. MLME IEs (group 0x1, 7.4.3.2) must consist of well-formed nested sub-IEs.
 *
 * @param groupId 0x0..0xf
 * @param content 0..2047 octets
 */
public record PayloadIe(int groupId, byte[] content) {

    public static final int GROUP_ESDU = 0x0;             // 7.4.3.5 Encapsulated Service Data Unit
    public static final int GROUP_MLME = 0x1;             // 7.4.3.2
    public static final int GROUP_VENDOR_SPECIFIC = 0x2;  // 7.4.3.3
    public static final int GROUP_MPX = 0x3;              // 7.4.3.6, IEEE 802.15.9
    public static final int GROUP_IETF = 0x5;             // 7.4.3.7 / RFC 8137
    public static final int GROUP_TERMINATION = 0xf;      // 7.4.3.4

    public static final int MAX_CONTENT_LENGTH = 0x7ff;

    private static final byte[] EMPTY = new byte[0];
    private static final PayloadIe PT = new PayloadIe(GROUP_TERMINATION, EMPTY);

    public PayloadIe {
        if (groupId < 0 || groupId > 0xf) {
            throw new IllegalArgumentException("payload IE group ID " + groupId + " is outside 0..0xf");
        }
        content = content == null ? EMPTY : content.clone();
        String problem = contentProblem(groupId, content, 0, content.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static PayloadIe of(int groupId, byte[] content) {
        return new PayloadIe(groupId, content);
    }

    /** Payload Termination IE: the MAC payload follows. */
    public static PayloadIe payloadTermination() {
        return PT;
    }

    /** MLME IE (group 0x1) built from nested sub-IEs. */
    public static PayloadIe mlme(List<MlmeSubIe> subIes) {
        return new PayloadIe(GROUP_MLME, MlmeSubIe.encodeAll(subIes));
    }

    /** Vendor Specific Payload IE (7.4.3.3): 3-octet OUI (least significant octet first) then vendor content. */
    public static PayloadIe vendorSpecific(int oui, byte[] vendorContent) {
        return new PayloadIe(GROUP_VENDOR_SPECIFIC, HeaderIe.withOui(oui, vendorContent));
    }

    /** Null if this content is acceptable for the group, otherwise why not. */
    static String contentProblem(int groupId, byte[] b, int off, int len) {
        if (len > MAX_CONTENT_LENGTH) {
            return "payload IE content of " + len + " octets exceeds 2047";
        }
        if (groupId == GROUP_TERMINATION && len != 0) {
            return "payload termination IE must be empty, has " + len;
        }
        if (groupId == GROUP_MLME) {
            int misfit = MlmeSubIe.firstMisfit(b, off, len);
            if (misfit >= 0) {
                return "MLME sub-IE at content offset " + (misfit - off) + " overruns the MLME IE";
            }
        }
        return null;
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int contentLength() {
        return content.length;
    }

    public boolean isTermination() {
        return groupId == GROUP_TERMINATION;
    }

    /** For an MLME IE: its nested sub-IEs. */
    public List<MlmeSubIe> mlmeSubIes() {
        if (groupId != GROUP_MLME) {
            throw new IllegalStateException("not an MLME payload IE");
        }
        return MlmeSubIe.decodeAll(content);
    }

    int length() {
        return 2 + content.length;
    }

    int descriptor() {
        return 0x8000 | groupId << 11 | content.length;
    }

    void writeContent(byte[] dst, int off) {
        System.arraycopy(content, 0, dst, off, content.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadIe ie && groupId == ie.groupId && Arrays.equals(content, ie.content);
    }

    @Override
    public int hashCode() {
        return groupId * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "PayloadIe[group 0x" + Integer.toHexString(groupId) + ": " + HexFormat.of().formatHex(content) + "]";
    }
}
