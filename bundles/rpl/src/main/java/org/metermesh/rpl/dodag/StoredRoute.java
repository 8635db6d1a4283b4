package org.metermesh.rpl.dodag;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;

/**
 * One target of the non-storing root's route table as the {@link RouteStore} keeps it: the parents its last DAOs
 * reported, each with its Path Control bits, its order in the DAO and its expiry as an absolute wall-clock time
 * (the scheduler's clock starts again with the next bundle instance; a restart must not extend a lifetime).
 *
 * <p>Encoding, format 1 (37 + 26 x parents octets, big-endian):
 * <pre>
 * 0       format (1)
 * 1-16    target
 * 17      Path Sequence
 * 18      parent count n (1..255)
 * n x     parent address (16), Path Control (1), order in the DAO (1), expiry in ms since the epoch (8; Long.MAX_VALUE:
 *         infinite lifetime)
 * last 4  CRC-32 (java.util.zip.CRC32, ISO-HDLC) of everything before
 * </pre>
 *
 * @param target       the meter's global address
 * @param pathSequence Path Sequence of the DAO that set the parents (RFC 6550 6.7.8)
 * @param parents      in order of preference, at least one
 */
public record StoredRoute(Ipv6Address target, int pathSequence, List<Parent> parents) {

    /** Format octet of this encoding. */
    public static final int FORMAT = 1;
    /** Expiry of a parent with the infinite Path Lifetime 0xFF (RFC 6550 6.7.8). */
    public static final long NEVER = Long.MAX_VALUE;

    private static final int HEADER = 19;
    private static final int PARENT = 26;

    /**
     * @param expiresAtEpochMillis wall-clock expiry, {@link #NEVER} for an infinite lifetime
     */
    public record Parent(Ipv6Address address, int pathControl, int order, long expiresAtEpochMillis) {
        public Parent {
            Objects.requireNonNull(address, "address");
            if (pathControl < 0 || pathControl > 0xff || order < 0 || order > 0xff) {
                throw new IllegalArgumentException("Path Control " + pathControl + " or order " + order
                        + " outside 0..255");
            }
        }
    }

    public StoredRoute {
        Objects.requireNonNull(target, "target");
        if (pathSequence < 0 || pathSequence > 0xff) {
            throw new IllegalArgumentException("Path Sequence " + pathSequence + " outside 0..255");
        }
        parents = List.copyOf(parents);
        if (parents.isEmpty() || parents.size() > 0xff) {
            throw new IllegalArgumentException(parents.size() + " parents, 1..255 expected");
        }
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + PARENT * parents.size() + StoredRecords.CRC_LENGTH);
        out.put((byte) FORMAT);
        putAddress(out, target);
        out.put((byte) pathSequence);
        out.put((byte) parents.size());
        for (Parent p : parents) {
            putAddress(out, p.address);
            out.put((byte) p.pathControl);
            out.put((byte) p.order);
            out.putLong(p.expiresAtEpochMillis);
        }
        return StoredRecords.seal(out);
    }

    /** The record, or why it cannot be one. */
    public static StoredRecordResult<StoredRoute> decode(byte[] bytes) {
        StoredRecordResult.Rejected<StoredRoute> bad = StoredRecords.checkEnvelope(bytes, FORMAT,
                HEADER + PARENT + StoredRecords.CRC_LENGTH, "route record");
        if (bad != null) {
            return bad;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1 - StoredRecords.CRC_LENGTH);
        Ipv6Address target = Ipv6Address.of(in.getLong(), in.getLong());
        int pathSequence = in.get() & 0xff;
        int count = in.get() & 0xff;
        if (count == 0) {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, "route record of " + target
                    + ": no parents");
        }
        int expected = HEADER + PARENT * count + StoredRecords.CRC_LENGTH;
        if (bytes.length != expected) {
            return StoredRecords.reject(bytes.length < expected ? StoredRecordRejectReason.TRUNCATED
                    : StoredRecordRejectReason.TRAILING_BYTES, "route record of " + target + ": " + bytes.length
                    + " octets for " + count + " parents, " + expected + " expected");
        }
        List<Parent> parents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Ipv6Address address = Ipv6Address.of(in.getLong(), in.getLong());
            int pathControl = in.get() & 0xff;
            int order = in.get() & 0xff;
            long expiry = in.getLong();
            parents.add(new Parent(address, pathControl, order, expiry));
        }
        return new StoredRecordResult.Decoded<>(new StoredRoute(target, pathSequence, parents));
    }

    static void putAddress(ByteBuffer out, Ipv6Address address) {
        out.putLong(address.high());
        out.putLong(address.low());
    }
}
