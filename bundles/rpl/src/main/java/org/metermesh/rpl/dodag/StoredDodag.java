package org.metermesh.rpl.dodag;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;

/**
 * The root's DODAG state that must not go backwards across a bundle update: the DODAG Version Number (a root that
 * advertises an older Version is ignored by every meter, RFC 6550 8.2.2.1) and the DTSN (RFC 6550 9.6). Stored with
 * the RPLInstanceID, MOP and DODAGID it belongs to, so that state of another DODAG (a new radio, another
 * configuration) is not taken for ours.
 *
 * <p>Encoding, format 1 (25 octets): format (1), RPLInstanceID (1), MOP (1), Version (1), DTSN (1), DODAGID (16),
 * CRC-32 (4) of everything before.
 */
public record StoredDodag(int instanceId, int mop, int version, int dtsn, Ipv6Address dodagId) {

    public static final int FORMAT = 1;
    private static final int LENGTH = 21 + StoredRecords.CRC_LENGTH;

    public StoredDodag {
        Objects.requireNonNull(dodagId, "dodagId");
        if (instanceId < 0 || instanceId > 0xff || version < 0 || version > 0xff || dtsn < 0 || dtsn > 0xff
                || mop < 0 || mop > 7) {
            throw new IllegalArgumentException("instance " + instanceId + ", MOP " + mop + ", version " + version
                    + " or DTSN " + dtsn + " out of range");
        }
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) FORMAT).put((byte) instanceId).put((byte) mop).put((byte) version).put((byte) dtsn);
        StoredRoute.putAddress(out, dodagId);
        return StoredRecords.seal(out);
    }

    public static StoredRecordResult<StoredDodag> decode(byte[] bytes) {
        StoredRecordResult.Rejected<StoredDodag> bad = StoredRecords.checkEnvelope(bytes, FORMAT, LENGTH,
                "DODAG record");
        if (bad != null) {
            return bad;
        }
        if (bytes.length != LENGTH) {
            return StoredRecords.reject(StoredRecordRejectReason.TRAILING_BYTES,
                    "DODAG record: " + bytes.length + " octets, " + LENGTH + " expected");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1 - StoredRecords.CRC_LENGTH);
        int instanceId = in.get() & 0xff;
        int mop = in.get() & 0xff;
        if (mop > 7) {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, "DODAG record: MOP " + mop);
        }
        int version = in.get() & 0xff;
        int dtsn = in.get() & 0xff;
        return new StoredRecordResult.Decoded<>(new StoredDodag(instanceId, mop, version, dtsn,
                Ipv6Address.of(in.getLong(), in.getLong())));
    }
}
