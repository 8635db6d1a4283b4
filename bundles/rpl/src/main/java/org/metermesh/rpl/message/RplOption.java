package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An RPL control message option (RFC 6550 6.7): Type, Option Length, Option Data. Immutable values; constructors
 * check every field against its width, so a value that exists can be encoded.
 *
 * <p>Options of a type this codec does not know are kept as {@link Unknown} (RFC 6550 6.7.1: a receiver skips
 * an option it does not understand by its Option Length), so that they can be counted and re-encoded unchanged.
 */
public sealed interface RplOption {

    /** Pad1 (RFC 6550 6.7.2). */
    int TYPE_PAD1 = 0x00;
    /** PadN (RFC 6550 6.7.3). */
    int TYPE_PADN = 0x01;
    /** DAG Metric Container (RFC 6550 6.7.4, contents RFC 6551). */
    int TYPE_DAG_METRIC_CONTAINER = 0x02;
    /** Route Information (RFC 6550 6.7.5). */
    int TYPE_ROUTE_INFORMATION = 0x03;
    /** DODAG Configuration (RFC 6550 6.7.6). */
    int TYPE_DODAG_CONFIGURATION = 0x04;
    /** RPL Target (RFC 6550 6.7.7). */
    int TYPE_RPL_TARGET = 0x05;
    /** Transit Information (RFC 6550 6.7.8). */
    int TYPE_TRANSIT_INFORMATION = 0x06;
    /** Solicited Information (RFC 6550 6.7.9). */
    int TYPE_SOLICITED_INFORMATION = 0x07;
    /** Prefix Information (RFC 6550 6.7.10). */
    int TYPE_PREFIX_INFORMATION = 0x08;
    /** RPL Target Descriptor (RFC 6550 6.7.11). */
    int TYPE_TARGET_DESCRIPTOR = 0x09;

    /** Infinite lifetime in 32-bit lifetime fields (Route Lifetime, RFC 4191 2.3; Valid/Preferred, RFC 4861 4.6.2). */
    long INFINITE_LIFETIME_32 = 0xffff_ffffL;

    /** The Option Type octet. */
    int type();

    /** Octets on the wire, Type and Option Length included (Pad1: 1). */
    int length();

    /** Pad1 (RFC 6550 6.7.2): one octet of padding, no Option Length. */
    record Pad1() implements RplOption {
        public static final Pad1 INSTANCE = new Pad1();

        @Override
        public int type() {
            return TYPE_PAD1;
        }

        @Override
        public int length() {
            return 1;
        }
    }

    /**
     * PadN (RFC 6550 6.7.3): {@code octets} of padding, 2 to 7, sent as zeros. On receipt the content is not
     * checked (it carries nothing).
     */
    record PadN(int octets) implements RplOption {
        public PadN {
            Fields.range("PadN octets", octets, 2, 7);
        }

        @Override
        public int type() {
            return TYPE_PADN;
        }

        @Override
        public int length() {
            return octets;
        }
    }

    /**
     * DAG Metric Container (RFC 6550 6.7.4): routing metric and constraint objects (RFC 6551), kept as opaque
     * octets. MRHOF with ETX works without one (the Rank carries the path cost, RFC 6719 3.3).
     */
    record DagMetricContainer(byte[] data) implements RplOption {
        public DagMetricContainer {
            Fields.range("metric container length", data.length, 0, 0xff);
            data = data.clone();
        }

        /** A copy of the metric data. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int type() {
            return TYPE_DAG_METRIC_CONTAINER;
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DagMetricContainer other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "DagMetricContainer[" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /**
     * Route Information (RFC 6550 6.7.5, format of RFC 4191 2.3): a prefix reachable through the DODAG root.
     * Bits of {@code prefix} after {@code prefixLength} are reserved and cleared (sent as zero, ignored on
     * receipt). RFC 6550 calls the prefix field variable-length; RFC 4191 2.3 allows 0, 8 or 16 octets, and
     * Wireshark rejects other sizes, so the encoder sends 0 octets for a /0, 8 up to a /64 and 16 beyond. The
     * decoder accepts any size from the octets the prefix length needs up to 16.
     *
     * @param prefixLength  valid leading bits, 0-128
     * @param preference    Prf, 2 bits (RFC 4191 2.1: 01 high, 00 medium, 11 low, 10 reserved)
     * @param routeLifetime seconds, {@link RplOption#INFINITE_LIFETIME_32} for infinity
     * @param prefix        the prefix
     */
    record RouteInformation(int prefixLength, int preference, long routeLifetime, Ipv6Address prefix)
            implements RplOption {
        public RouteInformation {
            Fields.prefixLength(prefixLength);
            Fields.range("route preference", preference, 0, 3);
            Fields.u32("route lifetime", routeLifetime);
            prefix = Objects.requireNonNull(prefix, "prefix").mask(prefixLength);
        }

        @Override
        public int type() {
            return TYPE_ROUTE_INFORMATION;
        }

        @Override
        public int length() {
            return 2 + 6 + prefixFieldLength();
        }

        /** Octets of the prefix field as encoded: 0, 8 or 16 (RFC 4191 2.3). */
        public int prefixFieldLength() {
            return prefixLength == 0 ? 0 : prefixLength <= 64 ? 8 : 16;
        }
    }

    /**
     * DODAG Configuration (RFC 6550 6.7.6): the parameters every node of the DODAG must use. Option Length 14.
     * The codec checks the format only: a MinHopRankIncrease of 0 or an unknown OCP decodes, and the objective
     * function factory ({@code org.metermesh.rpl.of.ObjectiveFunctions}) refuses them.
     *
     * @param authentication        A flag: authentication is enabled (only in secure RPL)
     * @param pathControlSize       PCS, 0-7: the number of Path Control bits in use, minus one
     * @param dioIntervalDoublings  Trickle doublings of the DIO timer (RFC 6206 Imax)
     * @param dioIntervalMin        Trickle Imin of the DIO timer as log2 of milliseconds: Imin = 2^n ms
     * @param dioRedundancyConstant Trickle redundancy constant k of the DIO timer
     * @param maxRankIncrease       DAGMaxRankIncrease, 0 disables rank increases for local repair
     * @param minHopRankIncrease    MinHopRankIncrease: DAGRank(rank) = floor(rank / MinHopRankIncrease)
     * @param objectiveCodePoint    OCP: 0 OF0 (RFC 6552), 1 MRHOF (RFC 6719)
     * @param defaultLifetime       default route lifetime in lifetime units (Transit Path Lifetime default)
     * @param lifetimeUnit          seconds in one lifetime unit
     */
    record DodagConfiguration(boolean authentication, int pathControlSize, int dioIntervalDoublings,
            int dioIntervalMin, int dioRedundancyConstant, int maxRankIncrease, int minHopRankIncrease,
            int objectiveCodePoint, int defaultLifetime, int lifetimeUnit) implements RplOption {

        /** Option Length of the DODAG Configuration option. */
        public static final int OPTION_LENGTH = 14;

        /** DEFAULT_PATH_CONTROL_SIZE (RFC 6550 17). */
        public static final int DEFAULT_PATH_CONTROL_SIZE = 0;
        /** DEFAULT_DIO_INTERVAL_MIN: 2^3 ms (RFC 6550 17). */
        public static final int DEFAULT_DIO_INTERVAL_MIN = 3;
        /** DEFAULT_DIO_INTERVAL_DOUBLINGS (RFC 6550 17). */
        public static final int DEFAULT_DIO_INTERVAL_DOUBLINGS = 20;
        /** DEFAULT_DIO_REDUNDANCY_CONSTANT (RFC 6550 17). */
        public static final int DEFAULT_DIO_REDUNDANCY_CONSTANT = 10;
        /** DEFAULT_MIN_HOP_RANK_INCREASE (RFC 6550 17). */
        public static final int DEFAULT_MIN_HOP_RANK_INCREASE = 256;

        public DodagConfiguration {
            Fields.range("path control size", pathControlSize, 0, 7);
            Fields.u8("DIO interval doublings", dioIntervalDoublings);
            Fields.u8("DIO interval min", dioIntervalMin);
            Fields.u8("DIO redundancy constant", dioRedundancyConstant);
            Fields.u16("max rank increase", maxRankIncrease);
            Fields.u16("min hop rank increase", minHopRankIncrease);
            Fields.u16("objective code point", objectiveCodePoint);
            Fields.u8("default lifetime", defaultLifetime);
            Fields.u16("lifetime unit", lifetimeUnit);
        }

        /**
         * The RFC 6550 section 17 defaults for the fields that have one, with OF0 (OCP 0), MaxRankIncrease 0
         * (RFC 6550 gives no default) and the lifetimes given.
         */
        public static DodagConfiguration rfc6550Defaults(int defaultLifetime, int lifetimeUnit) {
            return new DodagConfiguration(false, DEFAULT_PATH_CONTROL_SIZE, DEFAULT_DIO_INTERVAL_DOUBLINGS,
                    DEFAULT_DIO_INTERVAL_MIN, DEFAULT_DIO_REDUNDANCY_CONSTANT, 0, DEFAULT_MIN_HOP_RANK_INCREASE, 0,
                    defaultLifetime, lifetimeUnit);
        }

        /** Lifetime units to seconds: {@code units * lifetimeUnit}. */
        public long lifetimeSeconds(int units) {
            return (long) units * lifetimeUnit;
        }

        @Override
        public int type() {
            return TYPE_DODAG_CONFIGURATION;
        }

        @Override
        public int length() {
            return 2 + OPTION_LENGTH;
        }
    }

    /**
     * RPL Target (RFC 6550 6.7.7): an address, prefix or multicast group reachable through the DAO's sender. Bits
     * after {@code prefixLength} are cleared; the prefix is sent in the fewest octets that hold it (a host
     * address: 128 bits, 16 octets).
     */
    record RplTarget(int prefixLength, Ipv6Address prefix) implements RplOption {
        public RplTarget {
            Fields.prefixLength(prefixLength);
            prefix = Objects.requireNonNull(prefix, "prefix").mask(prefixLength);
        }

        /** A /128 target: one host address. */
        public static RplTarget host(Ipv6Address address) {
            return new RplTarget(128, address);
        }

        @Override
        public int type() {
            return TYPE_RPL_TARGET;
        }

        @Override
        public int length() {
            return 2 + 2 + Fields.prefixOctets(prefixLength);
        }
    }

    /**
     * Transit Information (RFC 6550 6.7.8). In non-storing mode a DAO carries one per DAO parent, with that
     * parent's address (Option Length 20); in storing mode the parent address is absent (Option Length 4).
     *
     * @param external      E flag: the targets are external to the RPL domain
     * @param pathControl   Path Control bits (PC1-PC4, RFC 6550 9.9)
     * @param pathSequence  Path Sequence, a lollipop counter (RFC 6550 7.2)
     * @param pathLifetime  in lifetime units; 0x00 no-path (route removal), 0xFF infinite
     * @param parentAddress the DAO parent (non-storing mode)
     */
    record TransitInformation(boolean external, int pathControl, int pathSequence, int pathLifetime,
            Optional<Ipv6Address> parentAddress) implements RplOption {

        /** Path Lifetime value of a No-Path DAO (RFC 6550 6.7.8, 9.8). */
        public static final int NO_PATH = 0x00;
        /** Path Lifetime value meaning infinity (RFC 6550 6.7.8). */
        public static final int INFINITE = 0xff;

        public TransitInformation {
            Fields.u8("path control", pathControl);
            Fields.u8("path sequence", pathSequence);
            Fields.u8("path lifetime", pathLifetime);
            Objects.requireNonNull(parentAddress, "parentAddress");
        }

        @Override
        public int type() {
            return TYPE_TRANSIT_INFORMATION;
        }

        @Override
        public int length() {
            return 2 + (parentAddress.isPresent() ? 20 : 4);
        }
    }

    /**
     * Solicited Information (RFC 6550 6.7.9): in a DIS, which DODAGs should answer. A field is a predicate only
     * when its flag is set.
     *
     * @param instanceId        RPLInstanceID
     * @param versionPredicate  V: the Version Number must match
     * @param instancePredicate I: the RPLInstanceID must match
     * @param dodagIdPredicate  D: the DODAGID must match
     * @param dodagId           DODAGID
     * @param version           Version Number
     */
    record SolicitedInformation(int instanceId, boolean versionPredicate, boolean instancePredicate,
            boolean dodagIdPredicate, Ipv6Address dodagId, int version) implements RplOption {

        /** Option Length of the Solicited Information option. */
        public static final int OPTION_LENGTH = 19;

        public SolicitedInformation {
            Fields.u8("RPLInstanceID", instanceId);
            Objects.requireNonNull(dodagId, "dodagId");
            Fields.u8("version", version);
        }

        @Override
        public int type() {
            return TYPE_SOLICITED_INFORMATION;
        }

        @Override
        public int length() {
            return 2 + OPTION_LENGTH;
        }
    }

    /**
     * Prefix Information (RFC 6550 6.7.10, the fields of RFC 4861 4.6.2 plus R of RFC 6275 7.2). The 16-octet
     * prefix field is kept whole: with R set it holds the root's complete address.
     *
     * @param prefixLength      valid leading bits, 0-128
     * @param onLink            L flag
     * @param autonomous        A flag: usable for stateless address autoconfiguration
     * @param routerAddress     R flag: {@code prefix} is a complete address of the sender
     * @param validLifetime     seconds, {@link RplOption#INFINITE_LIFETIME_32} for infinity
     * @param preferredLifetime seconds, {@link RplOption#INFINITE_LIFETIME_32} for infinity
     * @param prefix            the prefix
     */
    record PrefixInformation(int prefixLength, boolean onLink, boolean autonomous, boolean routerAddress,
            long validLifetime, long preferredLifetime, Ipv6Address prefix) implements RplOption {

        /** Option Length of the Prefix Information option. */
        public static final int OPTION_LENGTH = 30;

        public PrefixInformation {
            Fields.prefixLength(prefixLength);
            Fields.u32("valid lifetime", validLifetime);
            Fields.u32("preferred lifetime", preferredLifetime);
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public int type() {
            return TYPE_PREFIX_INFORMATION;
        }

        @Override
        public int length() {
            return 2 + OPTION_LENGTH;
        }
    }

    /** RPL Target Descriptor (RFC 6550 6.7.11): an opaque 32-bit tag for the preceding RPL Target. */
    record TargetDescriptor(long descriptor) implements RplOption {
        public TargetDescriptor {
            Fields.u32("descriptor", descriptor);
        }

        @Override
        public int type() {
            return TYPE_TARGET_DESCRIPTOR;
        }

        @Override
        public int length() {
            return 2 + 4;
        }
    }

    /** An option of a type (0x0A-0xFF) this codec does not know, skipped by its length (RFC 6550 6.7.1). */
    record Unknown(int type, byte[] data) implements RplOption {
        public Unknown {
            Fields.range("unknown option type", type, TYPE_TARGET_DESCRIPTOR + 1, 0xff);
            Fields.range("option length", data.length, 0, 0xff);
            data = data.clone();
        }

        /** A copy of the option data. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && type == other.type && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }
}
