package org.metermesh.radio.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Header IE and Payload IE lists (IEEE 802.15.4-2015 7.4). Lists include their termination IE;
 * unknown element and group IDs are kept as raw content.
 */
final class IeListCodec {

    private IeListCodec() {
    }

    /**
     * Header IEs up to and including HT1/HT2, or to the end of the reader (7.4.2.1: descriptor Length b0-b6,
     * Element ID b7-b14, Type b15 = 0). At least one IE must be there: the IE Present bit promised it.
     */
    static List<HeaderIe> readHeaderIes(ByteReader in) throws DecodeException {
        List<HeaderIe> ies = new ArrayList<>(4);
        do {
            int at = in.offset();
            int descriptor = in.u16(RejectReason.TRUNCATED_IE, "header IE descriptor");
            if ((descriptor & 0x8000) != 0) {
                // A Type 1 descriptor here means the sender put a Payload IE in the Header IE list.
                throw new DecodeException(RejectReason.WRONG_IE_TYPE, at,
                        "payload IE descriptor in the header IE list (missing HT1)");
            }
            int length = descriptor & 0x7f;
            int id = (descriptor >>> 7) & 0xff;
            checkFits(in, at, length, HeaderIe.contentLengthProblem(id, length),
                    "header IE 0x" + Integer.toHexString(id));
            HeaderIe ie = new HeaderIe(id, in.bytes(length, RejectReason.BAD_IE_LENGTH, "header IE content"));
            ies.add(ie);
            if (ie.isTermination()) {
                break;
            }
        } while (in.remaining() > 0);
        return ies;
    }

    /**
     * Payload IEs up to and including PT, or to the end of the reader (7.4.3.1: descriptor Length b0-b10,
     * Group ID b11-b14, Type b15 = 1).
     */
    static List<PayloadIe> readPayloadIes(ByteReader in) throws DecodeException {
        List<PayloadIe> ies = new ArrayList<>(4);
        while (in.remaining() > 0) {
            int at = in.offset();
            int descriptor = in.u16(RejectReason.TRUNCATED_IE, "payload IE descriptor");
            if ((descriptor & 0x8000) == 0) {
                throw new DecodeException(RejectReason.WRONG_IE_TYPE, at,
                        "header IE descriptor in the payload IE list");
            }
            int length = descriptor & 0x7ff;
            int group = (descriptor >>> 11) & 0x0f;
            String problem = in.remaining() >= length
                    ? PayloadIe.contentProblem(group, in.array(), in.position(), length) : null;
            checkFits(in, at, length, problem, "payload IE group 0x" + Integer.toHexString(group));
            PayloadIe ie = new PayloadIe(group, in.bytes(length, RejectReason.BAD_IE_LENGTH, "payload IE content"));
            ies.add(ie);
            if (ie.isTermination()) {
                break;
            }
        }
        return ies;
    }

    private static void checkFits(ByteReader in, int at, int length, String problem, String what)
            throws DecodeException {
        if (length > in.remaining()) {
            throw new DecodeException(RejectReason.BAD_IE_LENGTH, at,
                    what + " claims " + length + " octets, " + in.remaining() + " left");
        }
        if (problem != null) {
            throw new DecodeException(RejectReason.BAD_IE_LENGTH, at, problem);
        }
    }

    static int headerIesLength(List<HeaderIe> ies) {
        int n = 0;
        for (HeaderIe ie : ies) {
            n += ie.length();
        }
        return n;
    }

    static int payloadIesLength(List<PayloadIe> ies) {
        int n = 0;
        for (PayloadIe ie : ies) {
            n += ie.length();
        }
        return n;
    }

    static void writeHeaderIes(ByteWriter out, List<HeaderIe> ies) {
        for (HeaderIe ie : ies) {
            out.u16(ie.descriptor());
            ie.writeContent(out.array(), out.skip(ie.contentLength()));
        }
    }

    static void writePayloadIes(ByteWriter out, List<PayloadIe> ies) {
        for (PayloadIe ie : ies) {
            out.u16(ie.descriptor());
            ie.writeContent(out.array(), out.skip(ie.contentLength()));
        }
    }
}
