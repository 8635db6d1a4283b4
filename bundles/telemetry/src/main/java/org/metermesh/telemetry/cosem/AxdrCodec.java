package org.metermesh.telemetry.cosem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A-XDR encoding of COSEM {@link CosemData} (Green Book 9.5 "A-XDR encoding of the Data type"; Blue Book 4.1.5):
 * a tag octet, then for arrays and structures an A-XDR length (element count) and the elements, for strings an A-XDR
 * length and the octets (bit-string: the length in bits), for fixed-size types the big-endian value.
 *
 * <p>Decoding enforces {@link DecodeLimits} and never throws: every malformed input yields a typed
 * {@link DecodeResult.Rejected}. Instances are immutable and thread-safe.
 */
public final class AxdrCodec {

    /** A codec with {@link DecodeLimits#DEFAULT}. */
    public static final AxdrCodec DEFAULT = new AxdrCodec(DecodeLimits.DEFAULT);

    private final DecodeLimits limits;

    public AxdrCodec(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public DecodeLimits limits() {
        return limits;
    }

    /** The A-XDR octets of {@code data}, tag first. */
    public static byte[] encode(CosemData data) {
        AxdrWriter w = new AxdrWriter();
        write(w, data);
        return w.toByteArray();
    }

    /** Decodes exactly one value that fills {@code in}; extra octets are {@link CosemRejection#TRAILING_BYTES}. */
    public DecodeResult<CosemData> decode(byte[] in) {
        if (in.length == 0) {
            return new DecodeResult.Rejected<>(CosemRejection.EMPTY, 0, "no octets");
        }
        AxdrReader r = new AxdrReader(in);
        try {
            CosemData data = read(r);
            if (!r.atEnd()) {
                return new DecodeResult.Rejected<>(CosemRejection.TRAILING_BYTES, r.position(),
                        r.remaining() + " octet(s) after the value");
            }
            return new DecodeResult.Decoded<>(data);
        } catch (CosemDecodeException e) {
            return e.toResult();
        }
    }

    static void write(AxdrWriter w, CosemData data) {
        w.u8(data.tag().code());
        // Java 17: no pattern switch yet; the chain covers every permitted subtype of the sealed interface.
        if (data instanceof CosemData.NullData) {
            return;
        } else if (data instanceof CosemData.Array a) {
            writeElements(w, a.elements());
        } else if (data instanceof CosemData.Structure s) {
            writeElements(w, s.elements());
        } else if (data instanceof CosemData.Bool b) {
            w.u8(b.value() ? 1 : 0);
        } else if (data instanceof CosemData.BitString b) {
            w.length(b.bitLength()).bytes(b.bits());
        } else if (data instanceof CosemData.Int32 v) {
            w.i32(v.value());
        } else if (data instanceof CosemData.UInt32 v) {
            w.i32((int) v.value());
        } else if (data instanceof CosemData.OctetString s) {
            w.length(s.length()).bytes(s.value());
        } else if (data instanceof CosemData.VisibleString s) {
            byte[] b = s.value().getBytes(StandardCharsets.US_ASCII);
            w.length(b.length).bytes(b);
        } else if (data instanceof CosemData.Utf8String s) {
            byte[] b = s.value().getBytes(StandardCharsets.UTF_8);
            w.length(b.length).bytes(b);
        } else if (data instanceof CosemData.Bcd v) {
            w.u8(v.value());
        } else if (data instanceof CosemData.Int8 v) {
            w.u8(v.value());
        } else if (data instanceof CosemData.Int16 v) {
            w.u16(v.value());
        } else if (data instanceof CosemData.UInt8 v) {
            w.u8(v.value());
        } else if (data instanceof CosemData.UInt16 v) {
            w.u16(v.value());
        } else if (data instanceof CosemData.Int64 v) {
            w.i64(v.value());
        } else if (data instanceof CosemData.UInt64 v) {
            w.i64(v.bits());
        } else if (data instanceof CosemData.EnumValue v) {
            w.u8(v.value());
        } else if (data instanceof CosemData.Float32 v) {
            w.i32(Float.floatToRawIntBits(v.value()));
        } else if (data instanceof CosemData.Float64 v) {
            w.i64(Double.doubleToRawLongBits(v.value()));
        } else {
            throw new IllegalStateException("unhandled Data alternative " + data.getClass());
        }
    }

    private static void writeElements(AxdrWriter w, List<CosemData> elements) {
        w.length(elements.size());
        for (CosemData e : elements) {
            write(w, e);
        }
    }

    /** Reads one value at the reader's position, with a fresh element budget. */
    CosemData read(AxdrReader r) throws CosemDecodeException {
        return new Budget().read(r, 0);
    }

    /** The element budget of one decode. */
    private final class Budget {
        private int elements;

        CosemData read(AxdrReader r, int depth) throws CosemDecodeException {
            int at = r.position();
            if (++elements > limits.maxElements()) {
                throw new CosemDecodeException(CosemRejection.TOO_MANY_ELEMENTS, at,
                        "more than " + limits.maxElements() + " data elements");
            }
            int code = r.u8("data tag");
            DataTag tag = DataTag.of(code);
            if (tag == null) {
                CosemRejection reason = DataTag.isDefinedButUnsupported(code)
                        ? CosemRejection.UNSUPPORTED_TAG : CosemRejection.UNKNOWN_TAG;
                throw new CosemDecodeException(reason, at, "data tag " + code);
            }
            return switch (tag) {
                case NULL_DATA -> CosemData.NullData.INSTANCE;
                case ARRAY -> new CosemData.Array(elements(r, depth, at, "array"));
                case STRUCTURE -> new CosemData.Structure(elements(r, depth, at, "structure"));
                case BOOLEAN -> new CosemData.Bool(r.u8("boolean") != 0);
                case BIT_STRING -> bitString(r);
                case DOUBLE_LONG -> new CosemData.Int32(r.i32("double-long"));
                case DOUBLE_LONG_UNSIGNED -> new CosemData.UInt32(r.i32("double-long-unsigned") & 0xFFFF_FFFFL);
                case OCTET_STRING -> new CosemData.OctetString(string(r, "octet-string"));
                case VISIBLE_STRING -> visibleString(r);
                case UTF8_STRING -> utf8String(r);
                case BCD -> new CosemData.Bcd(r.u8("bcd"));
                case INTEGER -> new CosemData.Int8((byte) r.u8("integer"));
                case LONG -> new CosemData.Int16((short) r.u16("long"));
                case UNSIGNED -> new CosemData.UInt8(r.u8("unsigned"));
                case LONG_UNSIGNED -> new CosemData.UInt16(r.u16("long-unsigned"));
                case LONG64 -> new CosemData.Int64(r.i64("long64"));
                case LONG64_UNSIGNED -> new CosemData.UInt64(r.i64("long64-unsigned"));
                case ENUM -> new CosemData.EnumValue(r.u8("enum"));
                case FLOAT32 -> new CosemData.Float32(Float.intBitsToFloat(r.i32("float32")));
                case FLOAT64 -> new CosemData.Float64(Double.longBitsToDouble(r.i64("float64")));
            };
        }

        private List<CosemData> elements(AxdrReader r, int depth, int at, String what)
                throws CosemDecodeException {
            if (depth >= limits.maxDepth()) {
                throw new CosemDecodeException(CosemRejection.TOO_DEEP, at,
                        what + " nested deeper than " + limits.maxDepth());
            }
            int count = r.length(what);
            if (count > limits.maxElements()) {
                throw new CosemDecodeException(CosemRejection.TOO_MANY_ELEMENTS, at,
                        what + " of " + count + " elements, limit " + limits.maxElements());
            }
            // Every element takes at least its tag octet: a count beyond the input is truncation, found before
            // allocating anything for it.
            if (count > r.remaining()) {
                throw new CosemDecodeException(CosemRejection.TRUNCATED, r.position(),
                        what + " of " + count + " elements, only " + r.remaining() + " octet(s) left");
            }
            List<CosemData> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(read(r, depth + 1));
            }
            return out;
        }

        private byte[] string(AxdrReader r, String what) throws CosemDecodeException {
            int at = r.position();
            int n = r.length(what);
            if (n > limits.maxOctets()) {
                throw new CosemDecodeException(CosemRejection.TOO_LONG, at,
                        what + " of " + n + " octets, limit " + limits.maxOctets());
            }
            return r.bytes(n, what);
        }

        private CosemData bitString(AxdrReader r) throws CosemDecodeException {
            int at = r.position();
            int bits = r.length("bit-string");
            int octets = (int) ((bits + 7L) / 8);
            if (octets > limits.maxOctets()) {
                throw new CosemDecodeException(CosemRejection.TOO_LONG, at,
                        "bit-string of " + bits + " bits, limit " + limits.maxOctets() + " octets");
            }
            return new CosemData.BitString(bits, r.bytes(octets, "bit-string"));
        }

        private CosemData visibleString(AxdrReader r) throws CosemDecodeException {
            int at = r.position();
            byte[] b = string(r, "visible-string");
            for (int i = 0; i < b.length; i++) {
                if (b[i] < 0x20 || b[i] > 0x7E) {
                    throw new CosemDecodeException(CosemRejection.BAD_STRING, at,
                            "visible-string octet 0x" + Integer.toHexString(b[i] & 0xFF) + " at index " + i);
                }
            }
            return new CosemData.VisibleString(new String(b, StandardCharsets.US_ASCII));
        }

        private CosemData utf8String(AxdrReader r) throws CosemDecodeException {
            int at = r.position();
            byte[] b = string(r, "utf8-string");
            try {
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b)).toString();
                return new CosemData.Utf8String(s);
            } catch (CharacterCodingException e) {
                throw new CosemDecodeException(CosemRejection.BAD_STRING, at, "utf8-string is not UTF-8: " + e);
            }
        }
    }
}
