package org.metermesh.telemetry.cosem;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A-XDR encoding and decoding of the unciphered {@link Apdu}s (Green Book 9.5, xDLMS ASN.1):
 * <pre>
 * data-notification       0F  long-invoke-id-and-priority(4) date-time(octet-string: 00, or 0C + 12 octets)
 *                             notification-body(Data)
 * get-request-normal      C0 01 invoke-id-and-priority(1) class-id(2) instance-id(6) attribute-id(1)
 *                             access-selection(OPTIONAL: 00)
 * get-response-normal     C4 01 invoke-id-and-priority(1) Get-Data-Result(00 Data | 01 data-access-result(1))
 * set-request-normal      C1 01 invoke-id-and-priority(1) attribute-descriptor(9) access-selection(00) value(Data)
 * set-response-normal     C5 01 invoke-id-and-priority(1) data-access-result(1)
 * action-request-normal   C3 01 invoke-id-and-priority(1) class-id(2) instance-id(6) method-id(1)
 *                             method-invocation-parameters(OPTIONAL: 00 | 01 Data)
 * action-response-normal  C7 01 invoke-id-and-priority(1) action-result(1)
 *                             return-parameters(OPTIONAL: 00 | 01 Get-Data-Result)
 * exception-response      D8 state-error(1) service-error(1) [invocation-counter(4) if service-error is 6]
 * </pre>
 * The date-time of data-notification is an A-XDR OCTET STRING, empty when absent: the encoding Green Book examples
 * and the common DLMS stacks use. Decoding never throws; instances are immutable and thread-safe.
 */
public final class ApduCodec {

    /** Largest APDU accepted by default: the xDLMS max-receive-pdu-size MeterMesh negotiates nowhere but assumes. */
    public static final int DEFAULT_MAX_APDU_OCTETS = 2048;

    /** A codec with {@link DecodeLimits#DEFAULT} and {@link #DEFAULT_MAX_APDU_OCTETS}. */
    public static final ApduCodec DEFAULT = new ApduCodec(DecodeLimits.DEFAULT, DEFAULT_MAX_APDU_OCTETS);

    private static final int NORMAL = 1;

    /**
     * xDLMS and ACSE APDU tags MeterMesh knows but does not carry (Green Book 9.5 and 9.4): initiate, confirmed
     * service error, short-name services, event-notification, AARQ/AARE/RLRQ/RLRE, the ciphered APDUs (glo 200-207,
     * ded 208-215, general-glo 219, general-ded 220, general-ciphering 221, general-signing 223), access 217/218,
     * general-block-transfer 224.
     */
    private static final Set<Integer> KNOWN_UNSUPPORTED = Set.of(1, 5, 6, 8, 12, 13, 14, 22, 24, 0x60, 0x61, 0x62,
            0x63, 194, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 217, 218, 219,
            220, 221, 223, 224);

    private final AxdrCodec data;
    private final int maxApduOctets;

    public ApduCodec(DecodeLimits limits, int maxApduOctets) {
        this.data = new AxdrCodec(Objects.requireNonNull(limits, "limits"));
        if (maxApduOctets < 1) {
            throw new IllegalArgumentException("maxApduOctets must be positive");
        }
        this.maxApduOctets = maxApduOctets;
    }

    /** The A-XDR octets of {@code apdu}. */
    public static byte[] encode(Apdu apdu) {
        AxdrWriter w = new AxdrWriter();
        w.u8(apdu.tag());
        if (apdu instanceof Apdu.DataNotification n) {
            w.i32(n.invokeIdAndPriority().toInt());
            if (n.dateTime().isPresent()) {
                w.length(CosemDateTime.LENGTH).bytes(n.dateTime().get().toBytes());
            } else {
                w.length(0);
            }
            AxdrCodec.write(w, n.body());
        } else if (apdu instanceof Apdu.GetRequestNormal g) {
            w.u8(NORMAL).u8(g.invokeIdAndPriority().toByte());
            writeAttribute(w, g.attribute());
            w.presence(false);
        } else if (apdu instanceof Apdu.GetResponseNormal g) {
            w.u8(NORMAL).u8(g.invokeIdAndPriority().toByte());
            writeGetDataResult(w, g.result());
        } else if (apdu instanceof Apdu.SetRequestNormal s) {
            w.u8(NORMAL).u8(s.invokeIdAndPriority().toByte());
            writeAttribute(w, s.attribute());
            w.presence(false);
            AxdrCodec.write(w, s.value());
        } else if (apdu instanceof Apdu.SetResponseNormal s) {
            w.u8(NORMAL).u8(s.invokeIdAndPriority().toByte()).u8(s.result().code());
        } else if (apdu instanceof Apdu.ActionRequestNormal a) {
            w.u8(NORMAL).u8(a.invokeIdAndPriority().toByte());
            w.u16(a.method().classId()).bytes(a.method().instance().toBytes()).u8(a.method().methodId());
            w.presence(a.parameters().isPresent());
            a.parameters().ifPresent(p -> AxdrCodec.write(w, p));
        } else if (apdu instanceof Apdu.ActionResponseNormal a) {
            w.u8(NORMAL).u8(a.invokeIdAndPriority().toByte()).u8(a.result().code());
            w.presence(a.returnParameters().isPresent());
            a.returnParameters().ifPresent(r -> writeGetDataResult(w, r));
        } else if (apdu instanceof Apdu.ExceptionResponse e) {
            w.u8(e.stateError()).u8(e.serviceError());
            e.invocationCounter().ifPresent(c -> w.i32((int) c));
        } else {
            throw new IllegalStateException("unhandled APDU " + apdu.getClass());
        }
        return w.toByteArray();
    }

    private static void writeAttribute(AxdrWriter w, AttributeDescriptor a) {
        w.u16(a.classId()).bytes(a.instance().toBytes()).u8(a.attributeId());
    }

    private static void writeGetDataResult(AxdrWriter w, GetDataResult result) {
        if (result instanceof GetDataResult.Value v) {
            w.u8(0);
            AxdrCodec.write(w, v.data());
        } else {
            w.u8(1).u8(((GetDataResult.Failure) result).result().code());
        }
    }

    /** Decodes one APDU that fills {@code in} exactly. */
    public DecodeResult<Apdu> decode(byte[] in) {
        if (in.length == 0) {
            return new DecodeResult.Rejected<>(CosemRejection.EMPTY, 0, "no octets");
        }
        if (in.length > maxApduOctets) {
            return new DecodeResult.Rejected<>(CosemRejection.TOO_LONG, 0,
                    "APDU of " + in.length + " octets, limit " + maxApduOctets);
        }
        AxdrReader r = new AxdrReader(in);
        try {
            Apdu apdu = read(r);
            if (!r.atEnd()) {
                return new DecodeResult.Rejected<>(CosemRejection.TRAILING_BYTES, r.position(),
                        r.remaining() + " octet(s) after the APDU");
            }
            return new DecodeResult.Decoded<>(apdu);
        } catch (CosemDecodeException e) {
            return e.toResult();
        }
    }

    private Apdu read(AxdrReader r) throws CosemDecodeException {
        int tag = r.u8("APDU tag");
        switch (tag) {
            case Apdu.DataNotification.TAG:
                return dataNotification(r);
            case Apdu.GetRequestNormal.TAG:
                choice(r, "get-request", 3);
                return new Apdu.GetRequestNormal(invokeId(r), noSelectiveAccess(r, attribute(r)));
            case Apdu.GetResponseNormal.TAG:
                choice(r, "get-response", 3);
                return new Apdu.GetResponseNormal(invokeId(r), getDataResult(r));
            case Apdu.SetRequestNormal.TAG: {
                choice(r, "set-request", 5);
                InvokeIdAndPriority id = invokeId(r);
                AttributeDescriptor attribute = noSelectiveAccess(r, attribute(r));
                return new Apdu.SetRequestNormal(id, attribute, data.read(r));
            }
            case Apdu.SetResponseNormal.TAG:
                choice(r, "set-response", 5);
                return new Apdu.SetResponseNormal(invokeId(r), dataAccessResult(r));
            case Apdu.ActionRequestNormal.TAG: {
                choice(r, "action-request", 6);
                InvokeIdAndPriority id = invokeId(r);
                MethodDescriptor method = new MethodDescriptor(r.u16("class-id"),
                        ObisCode.fromBytes(r.bytes(6, "instance-id")), (byte) r.u8("method-id"));
                Optional<CosemData> parameters = r.presence("method-invocation-parameters")
                        ? Optional.of(data.read(r)) : Optional.empty();
                return new Apdu.ActionRequestNormal(id, method, parameters);
            }
            case Apdu.ActionResponseNormal.TAG: {
                choice(r, "action-response", 4);
                InvokeIdAndPriority id = invokeId(r);
                ActionResult result = actionResult(r);
                Optional<GetDataResult> ret = r.presence("return-parameters")
                        ? Optional.of(getDataResult(r)) : Optional.empty();
                return new Apdu.ActionResponseNormal(id, result, ret);
            }
            case Apdu.ExceptionResponse.TAG: {
                int state = r.u8("state-error");
                int service = r.u8("service-error");
                OptionalLong counter = service == Apdu.ExceptionResponse.SERVICE_INVOCATION_COUNTER_ERROR
                        ? OptionalLong.of(r.i32("invocation-counter") & 0xFFFF_FFFFL) : OptionalLong.empty();
                return new Apdu.ExceptionResponse(state, service, counter);
            }
            default:
                CosemRejection reason = KNOWN_UNSUPPORTED.contains(tag)
                        ? CosemRejection.UNSUPPORTED_APDU : CosemRejection.UNKNOWN_APDU;
                throw new CosemDecodeException(reason, 0, "APDU tag 0x" + Integer.toHexString(tag));
        }
    }

    private Apdu dataNotification(AxdrReader r) throws CosemDecodeException {
        LongInvokeIdAndPriority id = LongInvokeIdAndPriority.fromInt(r.i32("long-invoke-id-and-priority"));
        int at = r.position();
        int length = r.length("date-time");
        Optional<CosemDateTime> dateTime = Optional.empty();
        if (length != 0) {
            if (length != CosemDateTime.LENGTH) {
                throw new CosemDecodeException(CosemRejection.BAD_DATE_TIME, at,
                        "date-time of " + length + " octets (0 or 12 allowed)");
            }
            DecodeResult<CosemDateTime> dt = CosemDateTime.decode(r.bytes(length, "date-time"));
            if (dt instanceof DecodeResult.Rejected<CosemDateTime> bad) {
                throw new CosemDecodeException(bad.reason(), at + 1, bad.detail());
            }
            dateTime = Optional.of(((DecodeResult.Decoded<CosemDateTime>) dt).value());
        }
        return new Apdu.DataNotification(id, dateTime, data.read(r));
    }

    /** Reads the service CHOICE octet: only -normal [1] is carried; other defined choices are unsupported. */
    private static void choice(AxdrReader r, String service, int lastDefined) throws CosemDecodeException {
        int at = r.position();
        int choice = r.u8(service + " choice");
        if (choice == NORMAL) {
            return;
        }
        if (choice >= 2 && choice <= lastDefined) {
            throw new CosemDecodeException(CosemRejection.UNSUPPORTED_APDU, at,
                    service + " choice " + choice + " (only -normal is carried)");
        }
        throw new CosemDecodeException(CosemRejection.BAD_CHOICE, at, service + " choice " + choice);
    }

    private static InvokeIdAndPriority invokeId(AxdrReader r) throws CosemDecodeException {
        return InvokeIdAndPriority.fromByte(r.u8("invoke-id-and-priority"));
    }

    private static AttributeDescriptor attribute(AxdrReader r) throws CosemDecodeException {
        return new AttributeDescriptor(r.u16("class-id"), ObisCode.fromBytes(r.bytes(6, "instance-id")),
                (byte) r.u8("attribute-id"));
    }

    private static AttributeDescriptor noSelectiveAccess(AxdrReader r, AttributeDescriptor a)
            throws CosemDecodeException {
        int at = r.position();
        if (r.presence("access-selection")) {
            throw new CosemDecodeException(CosemRejection.UNSUPPORTED_APDU, at, "selective access");
        }
        return a;
    }

    private GetDataResult getDataResult(AxdrReader r) throws CosemDecodeException {
        int at = r.position();
        int choice = r.u8("Get-Data-Result choice");
        if (choice == 0) {
            return new GetDataResult.Value(data.read(r));
        }
        if (choice == 1) {
            int codeAt = r.position();
            DataAccessResult result = dataAccessResult(r);
            if (result == DataAccessResult.SUCCESS) {
                throw new CosemDecodeException(CosemRejection.BAD_CHOICE, codeAt,
                        "data-access-result success in place of data");
            }
            return new GetDataResult.Failure(result);
        }
        throw new CosemDecodeException(CosemRejection.BAD_CHOICE, at, "Get-Data-Result choice " + choice);
    }

    private static DataAccessResult dataAccessResult(AxdrReader r) throws CosemDecodeException {
        int at = r.position();
        int code = r.u8("data-access-result");
        DataAccessResult result = DataAccessResult.ofCode(code);
        if (result == null) {
            throw new CosemDecodeException(CosemRejection.UNKNOWN_RESULT_CODE, at, "data-access-result " + code);
        }
        return result;
    }

    private static ActionResult actionResult(AxdrReader r) throws CosemDecodeException {
        int at = r.position();
        int code = r.u8("action-result");
        ActionResult result = ActionResult.ofCode(code);
        if (result == null) {
            throw new CosemDecodeException(CosemRejection.UNKNOWN_RESULT_CODE, at, "action-result " + code);
        }
        return result;
    }
}
