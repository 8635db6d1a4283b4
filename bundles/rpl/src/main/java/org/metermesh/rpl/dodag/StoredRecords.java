package org.metermesh.rpl.dodag;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** What the stored record formats share: a format octet first, a CRC-32 of everything before it last. */
final class StoredRecords {

    static final int CRC_LENGTH = 4;

    private StoredRecords() {
    }

    /** Appends the CRC-32 of the first {@code buffer.position()} octets. */
    static byte[] seal(ByteBuffer buffer) {
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * Checks the envelope of a record: not empty, the expected format octet, at least {@code minLength} octets
     * including the CRC, and a matching CRC.
     *
     * @return null if the envelope is sound, else the rejection
     */
    static <T> StoredRecordResult.Rejected<T> checkEnvelope(byte[] bytes, int format, int minLength, String what) {
        if (bytes == null || bytes.length == 0) {
            return new StoredRecordResult.Rejected<>(StoredRecordRejectReason.EMPTY, what + ": no octets");
        }
        if ((bytes[0] & 0xff) != format) {
            return new StoredRecordResult.Rejected<>(StoredRecordRejectReason.UNKNOWN_FORMAT,
                    what + ": format " + (bytes[0] & 0xff) + ", expected " + format);
        }
        if (bytes.length < minLength) {
            return new StoredRecordResult.Rejected<>(StoredRecordRejectReason.TRUNCATED,
                    what + ": " + bytes.length + " octets, at least " + minLength + " expected");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CRC_LENGTH);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CRC_LENGTH, CRC_LENGTH).getInt();
        if (stored != (int) crc.getValue()) {
            return new StoredRecordResult.Rejected<>(StoredRecordRejectReason.BAD_CHECKSUM,
                    what + ": CRC-32 mismatch over " + bytes.length + " octets");
        }
        return null;
    }

    static <T> StoredRecordResult.Rejected<T> reject(StoredRecordRejectReason reason, String detail) {
        return new StoredRecordResult.Rejected<>(reason, detail);
    }
}
