package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption.DagMetricContainer;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.Pad1;
import org.metermesh.rpl.message.RplOption.PadN;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RouteInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.SolicitedInformation;
import org.metermesh.rpl.message.RplOption.TargetDescriptor;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.message.RplOption.Unknown;

/**
 * Encodes and decodes RPL control messages (RFC 6550 6) at the ICMPv6 level: the message body after the 4-octet
 * ICMPv6 header, with the ICMPv6 Code passed alongside. The checksum is the caller's (RFC 4443 2.3: it covers the
 * IPv6 pseudo-header, which this codec does not see). Limits are fixed at construction, in the style of Netty's
 * codec-mqtt: the longest body and the most options accepted.
 *
 * <p>Sans-I/O and stateless: no threads, no I/O, safe to share. Decoding never throws for any input octets; it
 * returns {@link RplDecodeResult.Decoded} or {@link RplDecodeResult.Rejected} with a {@link RplRejectReason}.
 * Secure variants are rejected as {@link RplRejectReason#UNSUPPORTED_SECURE}; options of unknown type are skipped
 * by their length (RFC 6550 6.7.1) and kept as {@link RplOption.Unknown}; malformed known options reject the
 * whole message, since RFC 6550 gives no way to use the rest of a message whose option list is inconsistent.
 */
public final class RplCodec {

    /**
     * The default body limit: what fits an IPv6 packet of the minimum MTU, 1280 octets (RFC 8200 5), after the
     * 40-octet IPv6 header and the 4-octet ICMPv6 header, so that an RPL message never needs IPv6 fragmentation.
     */
    public static final int DEFAULT_MAX_BODY_LENGTH = 1280 - 40 - 4;

    /** The default option limit. A DAO carrying a Target and a Transit option per address stays well below. */
    public static final int DEFAULT_MAX_OPTIONS = 128;

    /** The largest body an ICMPv6 message in an IPv6 packet without jumbograms can carry. */
    public static final int MAX_BODY_LENGTH = 65535 - 4;

    /** Octets of the ICMPv6 header (Type, Code, Checksum) that precede the body (RFC 4443 2.1). */
    public static final int ICMPV6_HEADER_LENGTH = 4;

    private final int maxBodyLength;
    private final int maxOptions;

    /**
     * @param maxBodyLength the longest message body accepted and produced, 4 to {@link #MAX_BODY_LENGTH}
     * @param maxOptions    the most options (padding and unknown ones included) accepted in one message, at least 1
     */
    public RplCodec(int maxBodyLength, int maxOptions) {
        if (maxBodyLength < 4 || maxBodyLength > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("maxBodyLength " + maxBodyLength + " is outside 4.." + MAX_BODY_LENGTH);
        }
        if (maxOptions < 1) {
            throw new IllegalArgumentException("maxOptions " + maxOptions + " is below 1");
        }
        this.maxBodyLength = maxBodyLength;
        this.maxOptions = maxOptions;
    }

    /** {@link #DEFAULT_MAX_BODY_LENGTH} and {@link #DEFAULT_MAX_OPTIONS}. */
    public static RplCodec defaults() {
        return new RplCodec(DEFAULT_MAX_BODY_LENGTH, DEFAULT_MAX_OPTIONS);
    }

    public int maxBodyLength() {
        return maxBodyLength;
    }

    public int maxOptions() {
        return maxOptions;
    }

    // ---------------------------------------------------------------------------------------------- decoding

    /** Decodes the body {@code body} of an ICMPv6 type 155 message with ICMPv6 Code {@code code}. */
    public RplDecodeResult decode(int code, byte[] body) {
        return decode(code, body, 0, body.length);
    }

    /**
     * Decodes the message body in {@code body[off, off+len)} of an ICMPv6 type 155 message with ICMPv6 Code
     * {@code code} (0-255; anything else is an unknown code).
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array (a caller bug, not bad input)
     */
    public RplDecodeResult decode(int code, byte[] body, int off, int len) {
        Objects.checkFromIndexSize(off, len, body.length);
        if (len > maxBodyLength) {
            return new RplDecodeResult.Rejected(RplRejectReason.MESSAGE_TOO_LONG, maxBodyLength,
                    "body of " + len + " octets exceeds " + maxBodyLength);
        }
        try {
            Cursor in = new Cursor(body, off, len);
            return new RplDecodeResult.Decoded(switch (code) {
                case RplMessage.CODE_DIS -> decodeDis(in);
                case RplMessage.CODE_DIO -> decodeDio(in);
                case RplMessage.CODE_DAO -> decodeDao(in);
                case RplMessage.CODE_DAO_ACK -> decodeDaoAck(in);
                case RplMessage.CODE_SECURE_DIS, RplMessage.CODE_SECURE_DIO, RplMessage.CODE_SECURE_DAO,
                        RplMessage.CODE_SECURE_DAO_ACK, RplMessage.CODE_CONSISTENCY_CHECK ->
                        throw new RplDecodeException(RplRejectReason.UNSUPPORTED_SECURE, 0,
                                String.format("secure RPL code 0x%02x is not supported", code));
                default -> throw new RplDecodeException(RplRejectReason.UNKNOWN_CODE, 0,
                        "RPL code " + code + " is not defined by RFC 6550");
            });
        } catch (RplDecodeException e) {
            return e.toResult();
        }
    }

    /**
     * Decodes a whole ICMPv6 message (Type, Code, Checksum, body) in {@code icmp[off, off+len)}, e.g. the payload
     * of an IPv6 packet with Next Header 58. The checksum is not verified here. A type other than 155 is rejected
     * as {@link RplRejectReason#NOT_RPL}; offsets in a rejection of the body are relative to the body.
     */
    public RplDecodeResult decodeIcmpv6(byte[] icmp, int off, int len) {
        Objects.checkFromIndexSize(off, len, icmp.length);
        if (len < ICMPV6_HEADER_LENGTH) {
            return new RplDecodeResult.Rejected(RplRejectReason.NOT_RPL, 0,
                    "ICMPv6 message of " + len + " octets has no room for its 4-octet header");
        }
        int type = icmp[off] & 0xff;
        if (type != RplMessage.ICMPV6_TYPE) {
            return new RplDecodeResult.Rejected(RplRejectReason.NOT_RPL, 0, "ICMPv6 type " + type + " is not 155");
        }
        return decode(icmp[off + 1] & 0xff, icmp, off + ICMPV6_HEADER_LENGTH, len - ICMPV6_HEADER_LENGTH);
    }

    private Dis decodeDis(Cursor in) throws RplDecodeException {
        // RFC 6550 6.2.1: Flags (8) and Reserved (8), both ignored on receipt.
        in.skip(2, RplRejectReason.TRUNCATED_BASE, "DIS flags and reserved");
        return new Dis(decodeOptions(in));
    }

    private Dio decodeDio(Cursor in) throws RplDecodeException {
        // RFC 6550 6.3.1.
        int instance = in.u8(RplRejectReason.TRUNCATED_BASE, "DIO RPLInstanceID");
        int version = in.u8(RplRejectReason.TRUNCATED_BASE, "DIO Version Number");
        int rank = in.u16(RplRejectReason.TRUNCATED_BASE, "DIO Rank");
        int gMopPrf = in.u8(RplRejectReason.TRUNCATED_BASE, "DIO G|0|MOP|Prf");
        int dtsn = in.u8(RplRejectReason.TRUNCATED_BASE, "DIO DTSN");
        in.skip(2, RplRejectReason.TRUNCATED_BASE, "DIO Flags and Reserved");
        Ipv6Address dodagId = in.address(RplRejectReason.TRUNCATED_BASE, "DIO DODAGID");
        boolean grounded = (gMopPrf & 0x80) != 0;
        int mop = (gMopPrf >> 3) & 0x07;
        int preference = gMopPrf & 0x07;
        return new Dio(instance, version, rank, grounded, mop, preference, dtsn, dodagId, decodeOptions(in));
    }

    private Dao decodeDao(Cursor in) throws RplDecodeException {
        // RFC 6550 6.4.1.
        int instance = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO RPLInstanceID");
        int flags = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO K|D|Flags");
        in.skip(1, RplRejectReason.TRUNCATED_BASE, "DAO Reserved");
        int sequence = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO DAOSequence");
        Optional<Ipv6Address> dodagId = (flags & 0x40) != 0
                ? Optional.of(in.address(RplRejectReason.TRUNCATED_BASE, "DAO DODAGID (D flag set)"))
                : Optional.empty();
        return new Dao(instance, (flags & 0x80) != 0, sequence, dodagId, decodeOptions(in));
    }

    private DaoAck decodeDaoAck(Cursor in) throws RplDecodeException {
        // RFC 6550 6.5.1.
        int instance = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO-ACK RPLInstanceID");
        int flags = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO-ACK D|Reserved");
        int sequence = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO-ACK DAOSequence");
        int status = in.u8(RplRejectReason.TRUNCATED_BASE, "DAO-ACK Status");
        Optional<Ipv6Address> dodagId = (flags & 0x80) != 0
                ? Optional.of(in.address(RplRejectReason.TRUNCATED_BASE, "DAO-ACK DODAGID (D flag set)"))
                : Optional.empty();
        return new DaoAck(instance, sequence, status, dodagId, decodeOptions(in));
    }

    private List<RplOption> decodeOptions(Cursor in) throws RplDecodeException {
        List<RplOption> options = new ArrayList<>();
        while (in.remaining() > 0) {
            if (options.size() == maxOptions) {
                throw new RplDecodeException(RplRejectReason.TOO_MANY_OPTIONS, in.offset(),
                        "more than " + maxOptions + " options");
            }
            options.add(decodeOption(in));
        }
        return options;
    }

    private static RplOption decodeOption(Cursor in) throws RplDecodeException {
        int start = in.offset();
        int type = in.u8(RplRejectReason.TRUNCATED_OPTION, "option type");
        if (type == RplOption.TYPE_PAD1) {
            return Pad1.INSTANCE; // RFC 6550 6.7.2: a single octet, no length
        }
        int length = in.u8(RplRejectReason.TRUNCATED_OPTION, "option " + type + " length");
        if (in.remaining() < length) {
            throw new RplDecodeException(RplRejectReason.OPTION_OVERRUN, start,
                    "option " + type + " of length " + length + " runs past the end (" + in.remaining() + " left)");
        }
        switch (type) {
            case RplOption.TYPE_PADN -> {
                // RFC 6550 6.7.3: N-2 zero octets, N at most 7.
                expectLength(length <= 5, type, length, "0..5", start);
                in.skip(length, RplRejectReason.OPTION_OVERRUN, "PadN");
                return new PadN(length + 2);
            }
            case RplOption.TYPE_DAG_METRIC_CONTAINER -> {
                return new DagMetricContainer(in.bytes(length, RplRejectReason.OPTION_OVERRUN, "metric data"));
            }
            case RplOption.TYPE_ROUTE_INFORMATION -> {
                // RFC 6550 6.7.5: Prefix Length (8), Resvd(3)|Prf(2)|Resvd(3), Route Lifetime (32), Prefix.
                expectLength(length >= 6, type, length, "6 or more", start);
                int prefixLength = in.u8(RplRejectReason.OPTION_OVERRUN, "route prefix length");
                int prf = (in.u8(RplRejectReason.OPTION_OVERRUN, "route flags") >> 3) & 0x03;
                long lifetime = in.u32(RplRejectReason.OPTION_OVERRUN, "route lifetime");
                Ipv6Address prefix = prefix(in, prefixLength, length - 6, start, "Route Information");
                return new RouteInformation(prefixLength, prf, lifetime, prefix);
            }
            case RplOption.TYPE_DODAG_CONFIGURATION -> {
                // RFC 6550 6.7.6: Flags(4)|A|PCS(3), DIOIntDoubl, DIOIntMin, DIORedun, MaxRankIncrease (16),
                // MinHopRankIncrease (16), OCP (16), Reserved, Def. Lifetime, Lifetime Unit (16).
                expectLength(length == DodagConfiguration.OPTION_LENGTH, type, length, "14", start);
                int flags = in.u8(RplRejectReason.OPTION_OVERRUN, "config flags");
                int doublings = in.u8(RplRejectReason.OPTION_OVERRUN, "DIOIntDoubl");
                int intervalMin = in.u8(RplRejectReason.OPTION_OVERRUN, "DIOIntMin");
                int redundancy = in.u8(RplRejectReason.OPTION_OVERRUN, "DIORedun");
                int maxRankIncrease = in.u16(RplRejectReason.OPTION_OVERRUN, "MaxRankIncrease");
                int minHopRankIncrease = in.u16(RplRejectReason.OPTION_OVERRUN, "MinHopRankIncrease");
                int ocp = in.u16(RplRejectReason.OPTION_OVERRUN, "OCP");
                in.skip(1, RplRejectReason.OPTION_OVERRUN, "config reserved");
                int defaultLifetime = in.u8(RplRejectReason.OPTION_OVERRUN, "Def. Lifetime");
                int lifetimeUnit = in.u16(RplRejectReason.OPTION_OVERRUN, "Lifetime Unit");
                return new DodagConfiguration((flags & 0x08) != 0, flags & 0x07, doublings, intervalMin, redundancy,
                        maxRankIncrease, minHopRankIncrease, ocp, defaultLifetime, lifetimeUnit);
            }
            case RplOption.TYPE_RPL_TARGET -> {
                // RFC 6550 6.7.7: Flags (8, reserved), Prefix Length (8), Target Prefix (variable).
                expectLength(length >= 2, type, length, "2 or more", start);
                in.skip(1, RplRejectReason.OPTION_OVERRUN, "target flags");
                int prefixLength = in.u8(RplRejectReason.OPTION_OVERRUN, "target prefix length");
                return new RplTarget(prefixLength, prefix(in, prefixLength, length - 2, start, "RPL Target"));
            }
            case RplOption.TYPE_TRANSIT_INFORMATION -> {
                // RFC 6550 6.7.8: E|Flags(7), Path Control, Path Sequence, Path Lifetime, Parent Address (opt.).
                expectLength(length == 4 || length == 20, type, length, "4 or 20", start);
                int flags = in.u8(RplRejectReason.OPTION_OVERRUN, "transit flags");
                int pathControl = in.u8(RplRejectReason.OPTION_OVERRUN, "Path Control");
                int pathSequence = in.u8(RplRejectReason.OPTION_OVERRUN, "Path Sequence");
                int pathLifetime = in.u8(RplRejectReason.OPTION_OVERRUN, "Path Lifetime");
                Optional<Ipv6Address> parent = length == 20
                        ? Optional.of(in.address(RplRejectReason.OPTION_OVERRUN, "Parent Address"))
                        : Optional.empty();
                return new TransitInformation((flags & 0x80) != 0, pathControl, pathSequence, pathLifetime, parent);
            }
            case RplOption.TYPE_SOLICITED_INFORMATION -> {
                // RFC 6550 6.7.9: RPLInstanceID, V|I|D|Flags(5), DODAGID (128), Version Number.
                expectLength(length == SolicitedInformation.OPTION_LENGTH, type, length, "19", start);
                int instance = in.u8(RplRejectReason.OPTION_OVERRUN, "solicited RPLInstanceID");
                int flags = in.u8(RplRejectReason.OPTION_OVERRUN, "solicited flags");
                Ipv6Address dodagId = in.address(RplRejectReason.OPTION_OVERRUN, "solicited DODAGID");
                int version = in.u8(RplRejectReason.OPTION_OVERRUN, "solicited Version Number");
                return new SolicitedInformation(instance, (flags & 0x80) != 0, (flags & 0x40) != 0,
                        (flags & 0x20) != 0, dodagId, version);
            }
            case RplOption.TYPE_PREFIX_INFORMATION -> {
                // RFC 6550 6.7.10: Prefix Length, L|A|R|Reserved1, Valid Lifetime, Preferred Lifetime,
                // Reserved2 (32), Prefix (128).
                expectLength(length == PrefixInformation.OPTION_LENGTH, type, length, "30", start);
                int prefixLength = in.u8(RplRejectReason.OPTION_OVERRUN, "prefix length");
                if (prefixLength > 128) {
                    throw new RplDecodeException(RplRejectReason.BAD_PREFIX_LENGTH, start,
                            "Prefix Information prefix length " + prefixLength + " exceeds 128");
                }
                int flags = in.u8(RplRejectReason.OPTION_OVERRUN, "prefix flags");
                long valid = in.u32(RplRejectReason.OPTION_OVERRUN, "Valid Lifetime");
                long preferred = in.u32(RplRejectReason.OPTION_OVERRUN, "Preferred Lifetime");
                in.skip(4, RplRejectReason.OPTION_OVERRUN, "Reserved2");
                Ipv6Address prefix = in.address(RplRejectReason.OPTION_OVERRUN, "Prefix");
                return new PrefixInformation(prefixLength, (flags & 0x80) != 0, (flags & 0x40) != 0,
                        (flags & 0x20) != 0, valid, preferred, prefix);
            }
            case RplOption.TYPE_TARGET_DESCRIPTOR -> {
                // RFC 6550 6.7.11: Descriptor (32).
                expectLength(length == 4, type, length, "4", start);
                return new TargetDescriptor(in.u32(RplRejectReason.OPTION_OVERRUN, "Descriptor"));
            }
            default -> {
                // RFC 6550 6.7.1: an option the receiver does not understand is skipped by its length.
                return new Unknown(type, in.bytes(length, RplRejectReason.OPTION_OVERRUN, "unknown option data"));
            }
        }
    }

    private static void expectLength(boolean ok, int type, int length, String expected, int start)
            throws RplDecodeException {
        if (!ok) {
            throw new RplDecodeException(RplRejectReason.BAD_OPTION_LENGTH, start,
                    "option " + type + " has length " + length + ", expected " + expected);
        }
    }

    private static Ipv6Address prefix(Cursor in, int prefixLength, int fieldLength, int start, String what)
            throws RplDecodeException {
        if (prefixLength > 128) {
            throw new RplDecodeException(RplRejectReason.BAD_PREFIX_LENGTH, start,
                    what + " prefix length " + prefixLength + " exceeds 128");
        }
        if (fieldLength < Fields.prefixOctets(prefixLength) || fieldLength > Ipv6Address.LENGTH) {
            throw new RplDecodeException(RplRejectReason.BAD_PREFIX_LENGTH, start, what + " prefix field of "
                    + fieldLength + " octets does not fit prefix length " + prefixLength);
        }
        return in.prefix(fieldLength, RplRejectReason.OPTION_OVERRUN, what + " prefix");
    }

    // ---------------------------------------------------------------------------------------------- encoding

    /** The body length of {@code message}: what {@link #encode(RplMessage)} produces. */
    public static int bodyLength(RplMessage message) {
        int base = switch (message.code()) {
            case RplMessage.CODE_DIS -> 2;
            case RplMessage.CODE_DIO -> Dio.BASE_LENGTH;
            case RplMessage.CODE_DAO -> 4 + (((Dao) message).dodagId().isPresent() ? Ipv6Address.LENGTH : 0);
            default -> 4 + (((DaoAck) message).dodagId().isPresent() ? Ipv6Address.LENGTH : 0);
        };
        for (RplOption o : message.options()) {
            base += o.length();
        }
        return base;
    }

    /**
     * Encodes the message body (no ICMPv6 header); the ICMPv6 Code is {@link RplMessage#code()}.
     *
     * @throws IllegalArgumentException if the body exceeds {@link #maxBodyLength()} or has more than
     *                                  {@link #maxOptions()} options
     */
    public byte[] encode(RplMessage message) {
        byte[] out = new byte[checkedLength(message)];
        write(message, out, 0);
        return out;
    }

    /**
     * Encodes the message body into {@code dst} at {@code off}, without allocating.
     *
     * @return the body length
     * @throws IllegalArgumentException  if the body exceeds the limits
     * @throws IndexOutOfBoundsException if {@code dst} has no room for it
     */
    public int encode(RplMessage message, byte[] dst, int off) {
        int len = checkedLength(message);
        Objects.checkFromIndexSize(off, len, dst.length);
        return write(message, dst, off) - off;
    }

    /**
     * Encodes a whole ICMPv6 message: Type 155, the message's Code, a zero Checksum for the caller to fill in
     * (RFC 4443 2.3), and the body.
     */
    public byte[] encodeIcmpv6(RplMessage message) {
        int len = checkedLength(message);
        byte[] out = new byte[ICMPV6_HEADER_LENGTH + len];
        out[0] = (byte) RplMessage.ICMPV6_TYPE;
        out[1] = (byte) message.code();
        write(message, out, ICMPV6_HEADER_LENGTH);
        return out;
    }

    private int checkedLength(RplMessage message) {
        int len = bodyLength(message);
        if (len > maxBodyLength) {
            throw new IllegalArgumentException("body of " + len + " octets exceeds " + maxBodyLength);
        }
        if (message.options().size() > maxOptions) {
            throw new IllegalArgumentException(message.options().size() + " options exceed " + maxOptions);
        }
        return len;
    }

    private static int write(RplMessage message, byte[] b, int p) {
        if (message instanceof Dis dis) {
            b[p++] = 0; // Flags
            b[p++] = 0; // Reserved
            return writeOptions(dis.options(), b, p);
        }
        if (message instanceof Dio dio) {
            b[p++] = (byte) dio.instanceId();
            b[p++] = (byte) dio.version();
            p = u16(b, p, dio.rank());
            b[p++] = (byte) ((dio.grounded() ? 0x80 : 0) | dio.mop() << 3 | dio.preference());
            b[p++] = (byte) dio.dtsn();
            b[p++] = 0; // Flags
            b[p++] = 0; // Reserved
            dio.dodagId().writeTo(b, p);
            return writeOptions(dio.options(), b, p + Ipv6Address.LENGTH);
        }
        if (message instanceof Dao dao) {
            b[p++] = (byte) dao.instanceId();
            b[p++] = (byte) ((dao.ackRequested() ? 0x80 : 0) | (dao.dodagId().isPresent() ? 0x40 : 0));
            b[p++] = 0; // Reserved
            b[p++] = (byte) dao.sequence();
            if (dao.dodagId().isPresent()) {
                dao.dodagId().get().writeTo(b, p);
                p += Ipv6Address.LENGTH;
            }
            return writeOptions(dao.options(), b, p);
        }
        DaoAck ack = (DaoAck) message;
        b[p++] = (byte) ack.instanceId();
        b[p++] = (byte) (ack.dodagId().isPresent() ? 0x80 : 0);
        b[p++] = (byte) ack.sequence();
        b[p++] = (byte) ack.status();
        if (ack.dodagId().isPresent()) {
            ack.dodagId().get().writeTo(b, p);
            p += Ipv6Address.LENGTH;
        }
        return writeOptions(ack.options(), b, p);
    }

    private static int writeOptions(List<RplOption> options, byte[] b, int p) {
        for (RplOption o : options) {
            p = writeOption(o, b, p);
        }
        return p;
    }

    private static int writeOption(RplOption o, byte[] b, int p) {
        b[p++] = (byte) o.type();
        if (o instanceof Pad1) {
            return p;
        }
        b[p++] = (byte) (o.length() - 2);
        if (o instanceof PadN pad) {
            for (int i = 2; i < pad.octets(); i++) {
                b[p++] = 0; // RFC 6550 6.7.3: zero-valued octets
            }
            return p;
        }
        if (o instanceof DagMetricContainer mc) {
            byte[] data = mc.data();
            System.arraycopy(data, 0, b, p, data.length);
            return p + data.length;
        }
        if (o instanceof RouteInformation ri) {
            b[p++] = (byte) ri.prefixLength();
            b[p++] = (byte) (ri.preference() << 3);
            p = u32(b, p, ri.routeLifetime());
            for (int i = 0; i < ri.prefixFieldLength(); i++) {
                b[p++] = (byte) ri.prefix().octet(i);
            }
            return p;
        }
        if (o instanceof DodagConfiguration c) {
            b[p++] = (byte) ((c.authentication() ? 0x08 : 0) | c.pathControlSize());
            b[p++] = (byte) c.dioIntervalDoublings();
            b[p++] = (byte) c.dioIntervalMin();
            b[p++] = (byte) c.dioRedundancyConstant();
            p = u16(b, p, c.maxRankIncrease());
            p = u16(b, p, c.minHopRankIncrease());
            p = u16(b, p, c.objectiveCodePoint());
            b[p++] = 0; // Reserved
            b[p++] = (byte) c.defaultLifetime();
            return u16(b, p, c.lifetimeUnit());
        }
        if (o instanceof RplTarget t) {
            b[p++] = 0; // Flags
            b[p++] = (byte) t.prefixLength();
            return prefix(b, p, t.prefix(), t.prefixLength());
        }
        if (o instanceof TransitInformation t) {
            b[p++] = (byte) (t.external() ? 0x80 : 0);
            b[p++] = (byte) t.pathControl();
            b[p++] = (byte) t.pathSequence();
            b[p++] = (byte) t.pathLifetime();
            if (t.parentAddress().isPresent()) {
                t.parentAddress().get().writeTo(b, p);
                p += Ipv6Address.LENGTH;
            }
            return p;
        }
        if (o instanceof SolicitedInformation s) {
            b[p++] = (byte) s.instanceId();
            b[p++] = (byte) ((s.versionPredicate() ? 0x80 : 0) | (s.instancePredicate() ? 0x40 : 0)
                    | (s.dodagIdPredicate() ? 0x20 : 0));
            s.dodagId().writeTo(b, p);
            p += Ipv6Address.LENGTH;
            b[p++] = (byte) s.version();
            return p;
        }
        if (o instanceof PrefixInformation pi) {
            b[p++] = (byte) pi.prefixLength();
            b[p++] = (byte) ((pi.onLink() ? 0x80 : 0) | (pi.autonomous() ? 0x40 : 0) | (pi.routerAddress() ? 0x20 : 0));
            p = u32(b, p, pi.validLifetime());
            p = u32(b, p, pi.preferredLifetime());
            p = u32(b, p, 0); // Reserved2
            pi.prefix().writeTo(b, p);
            return p + Ipv6Address.LENGTH;
        }
        if (o instanceof TargetDescriptor td) {
            return u32(b, p, td.descriptor());
        }
        byte[] data = ((Unknown) o).data();
        System.arraycopy(data, 0, b, p, data.length);
        return p + data.length;
    }

    private static int prefix(byte[] b, int p, Ipv6Address prefix, int prefixLength) {
        int n = Fields.prefixOctets(prefixLength);
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) prefix.octet(i);
        }
        return p;
    }

    private static int u16(byte[] b, int p, int v) {
        b[p] = (byte) (v >> 8);
        b[p + 1] = (byte) v;
        return p + 2;
    }

    private static int u32(byte[] b, int p, long v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }
}
