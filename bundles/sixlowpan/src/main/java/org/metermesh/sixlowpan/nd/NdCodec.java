package org.metermesh.sixlowpan.nd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.nd.NdDecodeException.Reason;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborSolicitation;
import org.metermesh.sixlowpan.nd.NdMessage.RouterAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.RouterSolicitation;
import org.metermesh.sixlowpan.nd.NdOption.AddressRegistration;
import org.metermesh.sixlowpan.nd.NdOption.AuthoritativeBorderRouter;
import org.metermesh.sixlowpan.nd.NdOption.PrefixInformation;
import org.metermesh.sixlowpan.nd.NdOption.SixLowpanContext;
import org.metermesh.sixlowpan.nd.NdOption.SourceLinkLayerAddress;
import org.metermesh.sixlowpan.nd.NdOption.TargetLinkLayerAddress;

/**
 * Encodes and decodes ICMPv6 Neighbor Discovery messages: the octets of the ICMPv6 message (Type, Code, Checksum,
 * body), without the IPv6 header. Decoding never throws anything but {@link NdDecodeException}, whatever the input.
 *
 * <p>Checks on decoding (RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2; RFC 4861 4.6; RFC 6775 section 4): the checksum if
 * the addresses are given, ICMP Code 0, the minimum length of each message, a unicast Target Address in NS and NA,
 * every option with a Length above 0 that ends inside the message, and the Length each known option's format
 * allows. Reserved fields and bits are written as zero and ignored when read. Checks that need the IPv6 header
 * (Hop Limit 255, the unspecified source) are {@link NdResponder}'s.
 */
public final class NdCodec {

    /** ICMPv6 header (Type, Code, Checksum). */
    public static final int ICMP_HEADER_LENGTH = 4;

    private NdCodec() {
    }

    /** The message with a zero checksum field, for a caller that fills the checksum in itself. */
    public static byte[] encode(NdMessage message) {
        int length = fixedLength(message.type());
        for (NdOption option : message.options()) {
            length += option.encodedLength();
        }
        byte[] out = new byte[length];
        out[0] = (byte) message.type();
        if (message instanceof RouterAdvertisement ra) {
            out[4] = (byte) ra.curHopLimit();
            out[5] = (byte) ((ra.managed() ? 0x80 : 0) | (ra.other() ? 0x40 : 0));
            put16(out, 6, ra.routerLifetime());
            put32(out, 8, ra.reachableTime());
            put32(out, 12, ra.retransTimer());
        } else if (message instanceof NeighborSolicitation ns) {
            System.arraycopy(ns.target(), 0, out, 8, 16);
        } else if (message instanceof NeighborAdvertisement na) {
            out[4] = (byte) ((na.router() ? 0x80 : 0) | (na.solicited() ? 0x40 : 0) | (na.override() ? 0x20 : 0));
            System.arraycopy(na.target(), 0, out, 8, 16);
        } // a Router Solicitation has 4 reserved octets
        int at = fixedLength(message.type());
        for (NdOption option : message.options()) {
            encodeOption(option, out, at);
            at += option.encodedLength();
        }
        return out;
    }

    /** The message with its ICMPv6 checksum computed for the given IPv6 source and destination. */
    public static byte[] encode(NdMessage message, byte[] source, byte[] destination) {
        byte[] out = encode(message);
        int checksum = PseudoHeaderChecksum.compute(source, destination, PseudoHeaderChecksum.ICMPV6, out, 0,
                out.length);
        put16(out, 2, checksum);
        return out;
    }

    /** Decodes after verifying the checksum against the IPv6 source and destination. */
    public static NdMessage decode(byte[] data, int offset, int length, byte[] source, byte[] destination)
            throws NdDecodeException {
        if (length >= ICMP_HEADER_LENGTH
                && !PseudoHeaderChecksum.verifies(source, destination, PseudoHeaderChecksum.ICMPV6, data, offset,
                        length)) {
            throw new NdDecodeException(Reason.BAD_CHECKSUM, String.format("checksum 0x%04x does not match",
                    get16(data, offset + 2)));
        }
        return decode(data, offset, length);
    }

    /** Decodes without looking at the checksum field (for a caller that verified it already). */
    public static NdMessage decode(byte[] data, int offset, int length) throws NdDecodeException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (length < ICMP_HEADER_LENGTH) {
            throw new NdDecodeException(Reason.TRUNCATED, "an ICMPv6 header needs 4 octets, got " + length);
        }
        int type = data[offset] & 0xff;
        int fixed = fixedLength(type);
        if (fixed < 0) {
            throw new NdDecodeException(Reason.UNKNOWN_TYPE, "ICMPv6 type " + type + " is not RS, RA, NS or NA");
        }
        int code = data[offset + 1] & 0xff;
        if (code != 0) {
            throw new NdDecodeException(Reason.BAD_CODE, "ICMP code " + code + " in type " + type);
        }
        if (length < fixed) {
            throw new NdDecodeException(Reason.TRUNCATED, "type " + type + " needs " + fixed + " octets, got "
                    + length);
        }
        byte[] target = null;
        if (type == NdMessage.TYPE_NEIGHBOR_SOLICITATION || type == NdMessage.TYPE_NEIGHBOR_ADVERTISEMENT) {
            target = Arrays.copyOfRange(data, offset + 8, offset + 24);
            if (Ipv6Bytes.isMulticast(target)) {
                throw new NdDecodeException(Reason.MULTICAST_TARGET, "target " + Ipv6Bytes.format(target));
            }
        }
        List<NdOption> options = decodeOptions(data, offset + fixed, offset + length);
        return switch (type) {
            case NdMessage.TYPE_ROUTER_SOLICITATION -> new RouterSolicitation(options);
            case NdMessage.TYPE_ROUTER_ADVERTISEMENT -> new RouterAdvertisement(data[offset + 4] & 0xff,
                    (data[offset + 5] & 0x80) != 0, (data[offset + 5] & 0x40) != 0, get16(data, offset + 6),
                    get32(data, offset + 8), get32(data, offset + 12), options);
            case NdMessage.TYPE_NEIGHBOR_SOLICITATION -> new NeighborSolicitation(target, options);
            default -> new NeighborAdvertisement((data[offset + 4] & 0x80) != 0, (data[offset + 4] & 0x40) != 0,
                    (data[offset + 4] & 0x20) != 0, target, options);
        };
    }

    /** Octets before the options: RS 8, RA 16, NS and NA 24; -1 for other types. */
    static int fixedLength(int type) {
        return switch (type) {
            case NdMessage.TYPE_ROUTER_SOLICITATION -> 8;
            case NdMessage.TYPE_ROUTER_ADVERTISEMENT -> 16;
            case NdMessage.TYPE_NEIGHBOR_SOLICITATION, NdMessage.TYPE_NEIGHBOR_ADVERTISEMENT -> 24;
            default -> -1;
        };
    }

    private static List<NdOption> decodeOptions(byte[] data, int at, int end) throws NdDecodeException {
        List<NdOption> options = new ArrayList<>();
        while (at < end) {
            if (end - at < 2) {
                throw new NdDecodeException(Reason.TRUNCATED, "option header cut at the end of the message");
            }
            int type = data[at] & 0xff;
            int units = data[at + 1] & 0xff;
            if (units == 0) {
                throw new NdDecodeException(Reason.ZERO_LENGTH_OPTION, "option type " + type + " has length 0");
            }
            int length = units * 8;
            if (length > end - at) {
                throw new NdDecodeException(Reason.OPTION_OVERRUN, "option type " + type + " of " + length
                        + " octets, " + (end - at) + " left");
            }
            NdOption option = decodeOption(type, units, data, at);
            if (option != null) {
                options.add(option);
            }
            at += length;
        }
        return options;
    }

    /** One option at {@code data[at]} whose Length fits the message; null for types we skip. */
    private static NdOption decodeOption(int type, int units, byte[] data, int at) throws NdDecodeException {
        switch (type) {
            case NdOption.TYPE_SOURCE_LINK_LAYER_ADDRESS:
                return new SourceLinkLayerAddress(linkLayerAddress(type, units, data, at));
            case NdOption.TYPE_TARGET_LINK_LAYER_ADDRESS:
                return new TargetLinkLayerAddress(linkLayerAddress(type, units, data, at));
            case NdOption.TYPE_PREFIX_INFORMATION: {
                requireUnits(type, units, 4, 4);
                int prefixLength = data[at + 2] & 0xff;
                requirePrefixLength(prefixLength, "prefix length");
                int flags = data[at + 3] & 0xff;
                return new PrefixInformation(prefixLength, (flags & 0x80) != 0, (flags & 0x40) != 0,
                        get32(data, at + 4), get32(data, at + 8), Arrays.copyOfRange(data, at + 16, at + 32));
            }
            case NdOption.TYPE_ADDRESS_REGISTRATION: {
                requireUnits(type, units, 2, 5);
                int flags = data[at + 4] & 0xff;
                boolean t = (flags & 0x01) != 0;
                return new AddressRegistration(data[at + 2] & 0xff, data[at + 3] & 0xff, (flags >>> 2) & 0x03,
                        (flags & 0x02) != 0, t, t ? data[at + 5] & 0xff : 0, get16(data, at + 6),
                        Rovr.of(Arrays.copyOfRange(data, at + 8, at + units * 8)));
            }
            case NdOption.TYPE_SIXLOWPAN_CONTEXT: {
                requireUnits(type, units, 2, 3);
                int contextLength = data[at + 2] & 0xff;
                requirePrefixLength(contextLength, "context length");
                if (contextLength > 64 && units != 3) {
                    throw new NdDecodeException(Reason.BAD_OPTION_LENGTH, "6CO with " + contextLength
                            + " context bits needs Length 3 (RFC 6775 4.2), has " + units);
                }
                byte[] prefix = new byte[16];
                System.arraycopy(data, at + 8, prefix, 0, units * 8 - 8);
                int flags = data[at + 3] & 0xff;
                return new SixLowpanContext(contextLength, (flags & 0x10) != 0, flags & 0x0f, get16(data, at + 6),
                        prefix);
            }
            case NdOption.TYPE_AUTHORITATIVE_BORDER_ROUTER: {
                requireUnits(type, units, 3, 3);
                long version = ((long) get16(data, at + 4) << 16) | get16(data, at + 2);
                return new AuthoritativeBorderRouter(version, get16(data, at + 6),
                        Arrays.copyOfRange(data, at + 8, at + 24));
            }
            default:
                return null;
        }
    }

    /** RFC 4944 section 8: Length 1 carries a 16-bit short address, Length 2 an EUI-64. */
    private static MacAddress linkLayerAddress(int type, int units, byte[] data, int at) throws NdDecodeException {
        requireUnits(type, units, 1, 2);
        if (units == 1) {
            return ShortAddress.of(get16(data, at + 2));
        }
        long eui64 = 0;
        for (int i = 0; i < 8; i++) {
            eui64 = (eui64 << 8) | (data[at + 2 + i] & 0xff);
        }
        return ExtendedAddress.of(eui64);
    }

    private static void requireUnits(int type, int units, int min, int max) throws NdDecodeException {
        if (units < min || units > max) {
            throw new NdDecodeException(Reason.BAD_OPTION_LENGTH, "option type " + type + " with Length " + units
                    + (min == max ? ", must be " + min : ", must be " + min + ".." + max));
        }
    }

    private static void requirePrefixLength(int bits, String what) throws NdDecodeException {
        if (bits > 128) {
            throw new NdDecodeException(Reason.BAD_PREFIX_LENGTH, what + " " + bits + " is above 128");
        }
    }

    private static void encodeOption(NdOption option, byte[] out, int at) {
        out[at] = (byte) option.type();
        out[at + 1] = (byte) (option.encodedLength() / 8);
        if (option instanceof SourceLinkLayerAddress sllao) {
            putLinkLayerAddress(sllao.address(), out, at);
        } else if (option instanceof TargetLinkLayerAddress tllao) {
            putLinkLayerAddress(tllao.address(), out, at);
        } else if (option instanceof PrefixInformation pio) {
            out[at + 2] = (byte) pio.prefixLength();
            out[at + 3] = (byte) ((pio.onLink() ? 0x80 : 0) | (pio.autonomous() ? 0x40 : 0));
            put32(out, at + 4, pio.validLifetime());
            put32(out, at + 8, pio.preferredLifetime());
            System.arraycopy(pio.prefix(), 0, out, at + 16, 16);
        } else if (option instanceof AddressRegistration aro) {
            out[at + 2] = (byte) aro.status();
            out[at + 3] = (byte) aro.opaque();
            out[at + 4] = (byte) ((aro.i() << 2) | (aro.r() ? 0x02 : 0) | (aro.t() ? 0x01 : 0));
            out[at + 5] = (byte) aro.tid();
            put16(out, at + 6, aro.lifetimeMinutes());
            aro.rovr().writeTo(out, at + 8);
        } else if (option instanceof SixLowpanContext context) {
            out[at + 2] = (byte) context.contextLength();
            out[at + 3] = (byte) ((context.compression() ? 0x10 : 0) | context.cid());
            put16(out, at + 6, context.validLifetimeMinutes());
            System.arraycopy(context.prefix(), 0, out, at + 8, context.encodedLength() - 8);
        } else if (option instanceof AuthoritativeBorderRouter abro) {
            put16(out, at + 2, (int) (abro.version() & 0xffff));
            put16(out, at + 4, (int) (abro.version() >>> 16));
            put16(out, at + 6, abro.validLifetimeMinutes());
            System.arraycopy(abro.borderRouter(), 0, out, at + 8, 16);
        }
    }

    private static void putLinkLayerAddress(MacAddress address, byte[] out, int at) {
        if (address instanceof ShortAddress shortAddress) {
            put16(out, at + 2, shortAddress.value());
        } else {
            long eui64 = ((ExtendedAddress) address).value();
            for (int i = 0; i < 8; i++) {
                out[at + 2 + i] = (byte) (eui64 >>> (56 - 8 * i));
            }
        }
    }

    static int get16(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    static long get32(byte[] data, int at) {
        return ((long) get16(data, at) << 16) | get16(data, at + 2);
    }

    static void put16(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }

    static void put32(byte[] out, int at, long value) {
        put16(out, at, (int) (value >>> 16) & 0xffff);
        put16(out, at + 2, (int) value & 0xffff);
    }
}
