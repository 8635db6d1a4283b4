package org.metermesh.sixlowpan.nd;

import java.util.Arrays;
import java.util.Objects;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * The Neighbor Discovery options MeterMesh understands (RFC 4861 4.6, RFC 4944 section 8, RFC 6775 section 4, RFC
 * 8505 4.1). Immutable values; limits are checked in the constructors, so every instance can be encoded. Options of
 * other types are skipped by their length when decoding (RFC 4861 4.6: "Receivers MUST silently ignore any options
 * they do not recognize and continue processing the message").
 */
public sealed interface NdOption permits NdOption.SourceLinkLayerAddress, NdOption.TargetLinkLayerAddress,
        NdOption.PrefixInformation, NdOption.AddressRegistration, NdOption.SixLowpanContext,
        NdOption.AuthoritativeBorderRouter {

    int TYPE_SOURCE_LINK_LAYER_ADDRESS = 1;
    int TYPE_TARGET_LINK_LAYER_ADDRESS = 2;
    int TYPE_PREFIX_INFORMATION = 3;
    int TYPE_ADDRESS_REGISTRATION = 33;
    int TYPE_SIXLOWPAN_CONTEXT = 34;
    int TYPE_AUTHORITATIVE_BORDER_ROUTER = 35;

    /** The option Type. */
    int type();

    /** The option's length on the wire, octets (a multiple of 8). */
    int encodedLength();

    /**
     * Source Link-Layer Address option (Type 1) in the IEEE 802.15.4 form of RFC 4944 section 8: Length 1 with a
     * 16-bit short address and 4 octets of padding, or Length 2 with an EUI-64 and 6 octets of padding. The
     * address is written in canonical order, most significant octet first.
     */
    record SourceLinkLayerAddress(MacAddress address) implements NdOption {
        public SourceLinkLayerAddress {
            requireShortOrExtended(address);
        }

        @Override
        public int type() {
            return TYPE_SOURCE_LINK_LAYER_ADDRESS;
        }

        @Override
        public int encodedLength() {
            return linkLayerOptionLength(address);
        }
    }

    /** Target Link-Layer Address option (Type 2), in the same form as {@link SourceLinkLayerAddress}. */
    record TargetLinkLayerAddress(MacAddress address) implements NdOption {
        public TargetLinkLayerAddress {
            requireShortOrExtended(address);
        }

        @Override
        public int type() {
            return TYPE_TARGET_LINK_LAYER_ADDRESS;
        }

        @Override
        public int encodedLength() {
            return linkLayerOptionLength(address);
        }
    }

    /**
     * Prefix Information option (Type 3, Length 4; RFC 4861 4.6.2). Lifetimes are in seconds, 0xffffffff meaning
     * infinity. The prefix is kept with the bits after {@code prefixLength} cleared ("reserved and MUST be
     * initialized to zero by the sender and ignored by the receiver").
     *
     * @param prefixLength      0..128
     * @param onLink            the L flag; RFC 6775 6.1: 6LoWPAN routers MUST NOT set it
     * @param autonomous        the A flag: use the prefix for stateless address autoconfiguration
     * @param validLifetime     0..0xffffffff seconds
     * @param preferredLifetime 0..0xffffffff seconds
     * @param prefix            16 octets
     */
    record PrefixInformation(int prefixLength, boolean onLink, boolean autonomous, long validLifetime,
            long preferredLifetime, byte[] prefix) implements NdOption {
        public static final int LENGTH = 32;
        /** RFC 4861 4.6.2: "A value of all one bits (0xffffffff) represents infinity." */
        public static final long INFINITE = 0xffff_ffffL;

        public PrefixInformation {
            requireRange(prefixLength, 0, 128, "prefix length");
            requireRange(validLifetime, 0, INFINITE, "valid lifetime");
            requireRange(preferredLifetime, 0, INFINITE, "preferred lifetime");
            prefix = Ipv6Bytes.masked(prefix, prefixLength);
        }

        @Override
        public byte[] prefix() {
            return prefix.clone();
        }

        @Override
        public int type() {
            return TYPE_PREFIX_INFORMATION;
        }

        @Override
        public int encodedLength() {
            return LENGTH;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PrefixInformation o && prefixLength == o.prefixLength && onLink == o.onLink
                    && autonomous == o.autonomous && validLifetime == o.validLifetime
                    && preferredLifetime == o.preferredLifetime && Arrays.equals(prefix, o.prefix);
        }

        @Override
        public int hashCode() {
            return Objects.hash(prefixLength, onLink, autonomous, validLifetime, preferredLifetime)
                    * 31 + Arrays.hashCode(prefix);
        }

        @Override
        public String toString() {
            return "PIO[" + Ipv6Bytes.format(prefix) + "/" + prefixLength + (onLink ? " L" : "")
                    + (autonomous ? " A" : "") + " valid " + validLifetime + " s preferred " + preferredLifetime
                    + " s]";
        }
    }

    /**
     * Address Registration Option (Type 33): the ARO of RFC 6775 4.1 with the EARO fields of RFC 8505 4.1.
     *
     * <pre>
     * | Type = 33 | Length | Status | Opaque |  Rsvd(4) I(2) R T  | TID | Registration Lifetime |  ROVR ... |
     * </pre>
     *
     * @param status          0..255, see {@link AroStatus}; 0 in a request
     * @param opaque          0..255, RFC 8505: for the routing protocol; 0 otherwise
     * @param i               0..3, RFC 8505: how to read {@code opaque}
     * @param r               RFC 8505 R flag: the registering node asks for its reachability to be ensured
     * @param t               RFC 8505 T flag: {@code tid} is present
     * @param tid             0..255 when {@code t}, else 0 (the field is reserved in RFC 6775)
     * @param lifetimeMinutes 0..65535: "The amount of time in units of 60 seconds" to keep the registration; 0
     *                        de-registers
     * @param rovr            the owner: the EUI-64 (Length 2) or a longer ROVR (Length 3..5)
     */
    record AddressRegistration(int status, int opaque, int i, boolean r, boolean t, int tid, int lifetimeMinutes,
            Rovr rovr) implements NdOption {
        public AddressRegistration {
            requireRange(status, 0, 255, "status");
            requireRange(opaque, 0, 255, "opaque");
            requireRange(i, 0, 3, "I field");
            requireRange(tid, 0, 255, "TID");
            if (!t && tid != 0) {
                throw new IllegalArgumentException("a TID without the T flag");
            }
            requireRange(lifetimeMinutes, 0, 0xffff, "registration lifetime");
            Objects.requireNonNull(rovr, "rovr");
        }

        /** An RFC 6775 ARO request: status 0, no TID. */
        public static AddressRegistration request(int lifetimeMinutes, long eui64) {
            return new AddressRegistration(0, 0, 0, false, false, 0, lifetimeMinutes, Rovr.ofEui64(eui64));
        }

        /** An RFC 8505 EARO request: status 0, T set with {@code tid}, R set as a host asks (RFC 8505 5.1). */
        public static AddressRegistration extendedRequest(int lifetimeMinutes, int tid, Rovr rovr) {
            return new AddressRegistration(0, 0, 0, true, true, tid, lifetimeMinutes, rovr);
        }

        /** This option with another status, as a router returns it (RFC 6775 6.5.2). */
        public AddressRegistration withStatus(AroStatus newStatus) {
            return new AddressRegistration(newStatus.code(), opaque, i, r, t, tid, lifetimeMinutes, rovr);
        }

        /** The status, if it is one {@link AroStatus} knows. */
        public java.util.Optional<AroStatus> knownStatus() {
            return AroStatus.of(status);
        }

        @Override
        public int type() {
            return TYPE_ADDRESS_REGISTRATION;
        }

        @Override
        public int encodedLength() {
            return 8 + rovr.length();
        }
    }

    /**
     * 6LoWPAN Context Option (6CO, Type 34, Length 2 or 3; RFC 6775 4.2).
     *
     * <pre>
     * | Type = 34 | Length | Context Length | Res(3) C CID(4) | Reserved (16) | Valid Lifetime | Context Prefix |
     * </pre>
     *
     * @param contextLength        0..128 valid leading bits of {@code prefix}; above 64 the option has Length 3
     * @param compression          the C flag: the context may be used for compression (RFC 6775 4.2, 7.2)
     * @param cid                  0..15, the context identifier of RFC 6282
     * @param validLifetimeMinutes 0..65535 in units of 60 s; 0: "this context entry MUST be removed immediately"
     * @param prefix               16 octets; kept with the bits after {@code contextLength} cleared
     */
    record SixLowpanContext(int contextLength, boolean compression, int cid, int validLifetimeMinutes,
            byte[] prefix) implements NdOption {
        public SixLowpanContext {
            requireRange(contextLength, 0, 128, "context length");
            requireRange(cid, 0, 15, "CID");
            requireRange(validLifetimeMinutes, 0, 0xffff, "valid lifetime");
            prefix = Ipv6Bytes.masked(prefix, contextLength);
        }

        @Override
        public byte[] prefix() {
            return prefix.clone();
        }

        @Override
        public int type() {
            return TYPE_SIXLOWPAN_CONTEXT;
        }

        /** RFC 6775 4.2: Length 2 (8 prefix octets) up to 64 context bits, else 3 (16 octets). */
        @Override
        public int encodedLength() {
            return contextLength > 64 ? 24 : 16;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SixLowpanContext o && contextLength == o.contextLength
                    && compression == o.compression && cid == o.cid
                    && validLifetimeMinutes == o.validLifetimeMinutes && Arrays.equals(prefix, o.prefix);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contextLength, compression, cid, validLifetimeMinutes) * 31 + Arrays.hashCode(prefix);
        }

        @Override
        public String toString() {
            return "6CO[CID " + cid + " " + Ipv6Bytes.format(prefix) + "/" + contextLength
                    + (compression ? " C" : "") + " valid " + validLifetimeMinutes + " min]";
        }
    }

    /**
     * Authoritative Border Router Option (ABRO, Type 35, Length 3; RFC 6775 4.3).
     *
     * <pre>
     * | Type = 35 | Length = 3 | Version Low | Version High | Valid Lifetime | 6LBR Address (16 octets) |
     * </pre>
     *
     * @param version              0..0xffffffff, Version High in the upper 16 bits; the 6LBR increases it when
     *                             its prefixes or contexts change (RFC 6775 8.1)
     * @param validLifetimeMinutes 0..65535 in units of 60 s; 0 stands for {@value #DEFAULT_LIFETIME_MINUTES}
     * @param borderRouter         the 6LBR's address, 16 octets
     */
    record AuthoritativeBorderRouter(long version, int validLifetimeMinutes, byte[] borderRouter)
            implements NdOption {
        public static final int LENGTH = 24;
        /** RFC 6775 4.3: "A value of all zero bits (0x0) assumes a default value of 10,000 (~one week)." */
        public static final int DEFAULT_LIFETIME_MINUTES = 10_000;

        public AuthoritativeBorderRouter {
            requireRange(version, 0, 0xffff_ffffL, "version");
            requireRange(validLifetimeMinutes, 0, 0xffff, "valid lifetime");
            borderRouter = Ipv6Bytes.copy(borderRouter, "6LBR");
        }

        @Override
        public byte[] borderRouter() {
            return borderRouter.clone();
        }

        /** The lifetime in minutes, 0 read as the RFC 6775 default. */
        public int effectiveLifetimeMinutes() {
            return validLifetimeMinutes == 0 ? DEFAULT_LIFETIME_MINUTES : validLifetimeMinutes;
        }

        @Override
        public int type() {
            return TYPE_AUTHORITATIVE_BORDER_ROUTER;
        }

        @Override
        public int encodedLength() {
            return LENGTH;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AuthoritativeBorderRouter o && version == o.version
                    && validLifetimeMinutes == o.validLifetimeMinutes && Arrays.equals(borderRouter, o.borderRouter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, validLifetimeMinutes) * 31 + Arrays.hashCode(borderRouter);
        }

        @Override
        public String toString() {
            return "ABRO[" + Ipv6Bytes.format(borderRouter) + " version " + version + " valid "
                    + validLifetimeMinutes + " min]";
        }
    }

    private static void requireShortOrExtended(MacAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof ShortAddress) && !(address instanceof ExtendedAddress)) {
            throw new IllegalArgumentException("a link-layer address option needs a short or extended address");
        }
    }

    private static int linkLayerOptionLength(MacAddress address) {
        return address instanceof ShortAddress ? 8 : 16;
    }

    private static void requireRange(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
