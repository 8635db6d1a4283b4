package org.metermesh.rpl.dodag;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * One target of the root's downward routes as the {@link RouteStore} keeps it, with how the root reaches it
 * ({@link Via}): in non-storing mode the parents its last DAOs reported (RFC 6550 9.7), each with its Path Control
 * bits and its order in the DAO; in storing mode the child whose DAO announced it, its next hop (RFC 6550 9.8). Every
 * expiry is an absolute wall-clock time (the scheduler's clock starts again with the next bundle instance; a restart
 * must not extend a lifetime).
 *
 * <p>Encoding, format 2 (big-endian):
 * <pre>
 * 0       format (2)
 * 1       kind: 0 DAO parents (non-storing), 1 next hop (storing)
 * 2-17    target
 * 18      Path Sequence
 * kind 0  parent count n (1..255), then n x parent address (16), Path Control (1), order in the DAO (1), expiry in
 *         ms since the epoch (8; Long.MAX_VALUE: infinite lifetime): 24 + 26 x n octets in all
 * kind 1  addressing mode of the next hop (1; 2 short, 3 extended: IEEE 802.15.4-2015 7.2.2.9), its address (8, a
 *         short one in the last 2), Path Lifetime of its DAO (1; 1..255), expiry as above (8): 41 octets in all
 * last 4  CRC-32 (java.util.zip.CRC32, ISO-HDLC) of everything before
 * </pre>
 *
 * <p>Format 1, written before storing-mode routes were kept, is kind 0 without the kind octet (23 + 26 x n octets).
 * It is still read, so that the routes outlive the update that brings format 2; it is never written.
 *
 * @param target       the meter's global address
 * @param pathSequence Path Sequence of the DAO that set the route (RFC 6550 6.7.8)
 */
public record StoredRoute(Ipv6Address target, int pathSequence, Via via) {

    /** Format octet of the encoding written. */
    public static final int FORMAT = 2;
    /** Format octet of the encoding before storing-mode routes were kept: DAO parents only, no kind octet. */
    public static final int FORMAT_PARENTS_ONLY = 1;
    /** Expiry of a route or parent with the infinite Path Lifetime 0xFF (RFC 6550 6.7.8). */
    public static final long NEVER = Long.MAX_VALUE;

    private static final int KIND_PARENTS = 0;
    private static final int KIND_NEXT_HOP = 1;
    /** Format, target and Path Sequence; format 2 adds the kind octet. */
    private static final int PREFIX_FORMAT_1 = 18;
    private static final int PREFIX = 19;
    private static final int PARENT = 26;
    private static final int NEXT_HOP = 18;

    /** How the root reaches a target: the kind of route its Mode of Operation keeps. */
    public sealed interface Via permits Parents, NextHop {
    }

    /** Non-storing mode: the target's DAO parents, in order of preference, at least one and at most 255. */
    public record Parents(List<Parent> parents) implements Via {
        public Parents {
            parents = List.copyOf(parents);
            if (parents.isEmpty() || parents.size() > 0xff) {
                throw new IllegalArgumentException(parents.size() + " parents, 1..255 expected");
            }
        }
    }

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

    /**
     * Storing mode: the child towards the target, as the link layer addresses it.
     *
     * @param lifetimeUnits        the Path Lifetime of the DAO that set it (1..255, 0xFF infinite; a No-Path removes
     *                             the route, so 0 is never kept)
     * @param expiresAtEpochMillis wall-clock expiry, {@link #NEVER} for an infinite lifetime
     */
    public record NextHop(MacAddress address, int lifetimeUnits, long expiresAtEpochMillis) implements Via {
        public NextHop {
            if (!(address instanceof ShortAddress || address instanceof ExtendedAddress)) {
                throw new IllegalArgumentException("next hop " + address + " is no short or extended address");
            }
            if (lifetimeUnits < 1 || lifetimeUnits > 0xff) {
                throw new IllegalArgumentException("Path Lifetime " + lifetimeUnits + " outside 1..255");
            }
        }
    }

    public StoredRoute {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(via, "via");
        if (pathSequence < 0 || pathSequence > 0xff) {
            throw new IllegalArgumentException("Path Sequence " + pathSequence + " outside 0..255");
        }
    }

    /** A non-storing route through {@code parents}. */
    public StoredRoute(Ipv6Address target, int pathSequence, List<Parent> parents) {
        this(target, pathSequence, new Parents(parents));
    }

    /** Whether this is a storing-mode route (a next hop) rather than a non-storing one (DAO parents). */
    public boolean storing() {
        return via instanceof NextHop;
    }

    public byte[] encode() {
        int body = via instanceof Parents p ? 1 + PARENT * p.parents().size() : NEXT_HOP;
        ByteBuffer out = ByteBuffer.allocate(PREFIX + body + StoredRecords.CRC_LENGTH);
        out.put((byte) FORMAT);
        out.put((byte) (storing() ? KIND_NEXT_HOP : KIND_PARENTS));
        putAddress(out, target);
        out.put((byte) pathSequence);
        if (via instanceof Parents p) {
            out.put((byte) p.parents().size());
            for (Parent parent : p.parents()) {
                putAddress(out, parent.address);
                out.put((byte) parent.pathControl);
                out.put((byte) parent.order);
                out.putLong(parent.expiresAtEpochMillis);
            }
        } else {
            NextHop hop = (NextHop) via;
            out.put((byte) hop.address.mode().code());
            out.putLong(hop.address instanceof ShortAddress s ? s.value() : ((ExtendedAddress) hop.address).value());
            out.put((byte) hop.lifetimeUnits);
            out.putLong(hop.expiresAtEpochMillis);
        }
        return StoredRecords.seal(out);
    }

    /** The record, or why it cannot be one; reads format 2 and format 1. */
    public static StoredRecordResult<StoredRoute> decode(byte[] bytes) {
        boolean formatOne = bytes != null && bytes.length > 0 && (bytes[0] & 0xff) == FORMAT_PARENTS_ONLY;
        int prefix = formatOne ? PREFIX_FORMAT_1 : PREFIX;
        StoredRecordResult.Rejected<StoredRoute> bad = StoredRecords.checkEnvelope(bytes,
                formatOne ? FORMAT_PARENTS_ONLY : FORMAT,
                prefix + (formatOne ? 1 + PARENT : NEXT_HOP) + StoredRecords.CRC_LENGTH, "route record");
        if (bad != null) {
            return bad;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1 - StoredRecords.CRC_LENGTH);
        int kind = formatOne ? KIND_PARENTS : in.get() & 0xff;
        Ipv6Address target = Ipv6Address.of(in.getLong(), in.getLong());
        int pathSequence = in.get() & 0xff;
        String what = "route record of " + target;
        if (kind == KIND_PARENTS) {
            return decodeParents(in, bytes.length, prefix, target, pathSequence);
        }
        if (kind != KIND_NEXT_HOP) {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, what + ": route kind " + kind);
        }
        bad = checkLength(bytes.length, prefix + NEXT_HOP + StoredRecords.CRC_LENGTH, what + ": " + bytes.length
                + " octets for a next hop");
        if (bad != null) {
            return bad;
        }
        int mode = in.get() & 0xff;
        long address = in.getLong();
        int lifetimeUnits = in.get() & 0xff;
        long expiry = in.getLong();
        MacAddress nextHop;
        if (mode == AddressingMode.EXTENDED.code()) {
            nextHop = ExtendedAddress.of(address);
        } else if (mode == AddressingMode.SHORT.code() && (address & ~0xffffL) == 0) {
            nextHop = ShortAddress.of((int) address);
        } else {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, what + ": next hop of addressing mode "
                    + mode + " and address " + Long.toHexString(address));
        }
        if (lifetimeUnits == 0) {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, what
                    + ": Path Lifetime 0 (a No-Path, which removes a route)");
        }
        return new StoredRecordResult.Decoded<>(new StoredRoute(target, pathSequence,
                new NextHop(nextHop, lifetimeUnits, expiry)));
    }

    private static StoredRecordResult<StoredRoute> decodeParents(ByteBuffer in, int length, int prefix,
            Ipv6Address target, int pathSequence) {
        int count = in.get() & 0xff;
        if (count == 0) {
            return StoredRecords.reject(StoredRecordRejectReason.BAD_VALUE, "route record of " + target
                    + ": no parents");
        }
        StoredRecordResult.Rejected<StoredRoute> bad = checkLength(length,
                prefix + 1 + PARENT * count + StoredRecords.CRC_LENGTH,
                "route record of " + target + ": " + length + " octets for " + count + " parents");
        if (bad != null) {
            return bad;
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

    /** Null if {@code length} is {@code expected}, else a truncation or trailing octets. */
    private static StoredRecordResult.Rejected<StoredRoute> checkLength(int length, int expected, String what) {
        if (length == expected) {
            return null;
        }
        return StoredRecords.reject(length < expected ? StoredRecordRejectReason.TRUNCATED
                : StoredRecordRejectReason.TRAILING_BYTES, what + ", " + expected + " expected");
    }

    static void putAddress(ByteBuffer out, Ipv6Address address) {
        out.putLong(address.high());
        out.putLong(address.low());
    }
}
