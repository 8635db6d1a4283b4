package org.metermesh.telemetry.meter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.metermesh.telemetry.cosem.ActionResult;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.AttributeDescriptor;
import org.metermesh.telemetry.cosem.CosemData;
import org.metermesh.telemetry.cosem.CosemDateTime;
import org.metermesh.telemetry.cosem.DecodeResult;
import org.metermesh.telemetry.cosem.InterfaceClass;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.LongInvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.MeterMessage.ControlResult;

/**
 * {@link MeterMessage}s as xDLMS APDUs. Pushed messages travel as a data-notification whose body is the MeterMesh
 * notification structure (layout in the package documentation); gateway requests are get-request-normal (on-demand
 * read) and action-request-normal (control) APDUs, and their responses map back to {@link MeterMessage.ReadResult}
 * (see {@link RegisterRead}) and {@link MeterMessage.ControlResult}. Immutable and thread-safe.
 */
public final class MeterMessageCodec {

    /** The notification body layout version, the first element of the body structure. */
    public static final int BODY_VERSION = 1;

    /** Over {@link ApduCodec#DEFAULT}. */
    public static final MeterMessageCodec DEFAULT = new MeterMessageCodec(ApduCodec.DEFAULT);

    private final ApduCodec apdus;

    public MeterMessageCodec(ApduCodec apdus) {
        this.apdus = Objects.requireNonNull(apdus, "apdus");
    }

    // ---- pushed messages (meter -> gateway) ----

    /**
     * The data-notification carrying {@code message}: long-invoke-id = {@code sequence} (high priority for warnings),
     * date-time = the message time in UTC, body = {@link #body(MeterMessage.Pushed)}.
     *
     * @param sequence the meter's notification counter, taken modulo 2^24
     */
    public static Apdu.DataNotification toNotification(MeterMessage.Pushed message, int sequence) {
        boolean high = message.messageClass() == MessageClass.WARNING;
        return new Apdu.DataNotification(
                LongInvokeIdAndPriority.notification(sequence & LongInvokeIdAndPriority.MAX_INVOKE_ID, high),
                Optional.of(CosemDateTime.ofUtc(message.time())), body(message));
    }

    /** {@link #toNotification} encoded: the CoAP payload. */
    public static byte[] encode(MeterMessage.Pushed message, int sequence) {
        return ApduCodec.encode(toNotification(message, sequence));
    }

    /** The MeterMesh notification body of {@code message}. */
    public static CosemData body(MeterMessage.Pushed message) {
        List<CosemData> e = new ArrayList<>();
        e.add(new CosemData.UInt8(BODY_VERSION));
        e.add(new CosemData.EnumValue(message.messageClass().code()));
        e.add(CosemDateTime.ofUtc(message.time()).toData());
        if (message instanceof MeterMessage.UsageReading u) {
            e.add(new CosemData.UInt32(u.interval().getSeconds()));
            e.add(registers(u.registers()));
        } else if (message instanceof MeterMessage.BillingSnapshot b) {
            e.add(registers(b.registers()));
        } else if (message instanceof MeterMessage.Warning w) {
            e.add(new CosemData.UInt16(w.type().eventCode()));
            e.add(registers(w.value().map(List::of).orElse(List.of())));
        } else {
            throw new IllegalStateException("unhandled pushed message " + message.getClass());
        }
        return new CosemData.Structure(e);
    }

    private static CosemData registers(List<Register> registers) {
        List<CosemData> out = new ArrayList<>(registers.size());
        for (Register r : registers) {
            out.add(CosemData.Structure.of(new CosemData.OctetString(r.obis().toBytes()), RegisterData.value(r.value()),
                    new CosemData.Int8(r.scaler()), new CosemData.EnumValue(r.unit().code())));
        }
        return new CosemData.Array(out);
    }

    /** Decodes a meter's push from the CoAP payload. */
    public MessageDecodeResult decode(byte[] apdu) {
        DecodeResult<Apdu> result = apdus.decode(apdu);
        if (result instanceof DecodeResult.Rejected<Apdu> r) {
            return new MessageDecodeResult.Rejected(MessageRejection.MALFORMED_APDU, Optional.of(r.reason()),
                    r.reason() + " at offset " + r.offset() + ": " + r.detail());
        }
        Apdu decoded = ((DecodeResult.Decoded<Apdu>) result).value();
        if (decoded instanceof Apdu.DataNotification n) {
            return fromNotification(n);
        }
        return new MessageDecodeResult.Rejected(MessageRejection.NOT_A_NOTIFICATION, Optional.empty(),
                decoded.getClass().getSimpleName() + " where a data-notification was expected");
    }

    /** The pushed message in a data-notification; its time is the body's (the header date-time is informative). */
    public static MessageDecodeResult fromNotification(Apdu.DataNotification notification) {
        try {
            return new MessageDecodeResult.Decoded(parseBody(notification.body()),
                    notification.invokeIdAndPriority().invokeId());
        } catch (BodyException e) {
            return new MessageDecodeResult.Rejected(e.reason, Optional.empty(), e.getMessage());
        }
    }

    private static MeterMessage.Pushed parseBody(CosemData body) throws BodyException {
        if (!(body instanceof CosemData.Structure s) || s.elements().size() < 3
                || !(s.elements().get(0) instanceof CosemData.UInt8 version)) {
            throw new BodyException(MessageRejection.UNSUPPORTED_VERSION,
                    "body is not structure{unsigned version, ...}: " + body.tag());
        }
        if (version.value() != BODY_VERSION) {
            throw new BodyException(MessageRejection.UNSUPPORTED_VERSION, "body version " + version.value());
        }
        List<CosemData> e = s.elements();
        if (!(e.get(1) instanceof CosemData.EnumValue classCode)) {
            throw new BodyException(MessageRejection.BAD_BODY, "element 2 (message-class) is " + e.get(1).tag());
        }
        MessageClass messageClass = MessageClass.ofCode(classCode.value());
        if (messageClass == null || messageClass.category() == MessageClass.Category.OPERATION) {
            throw new BodyException(MessageRejection.UNKNOWN_MESSAGE_CLASS,
                    "message-class " + classCode.value() + " is not pushed");
        }
        Instant time = time(e.get(2));
        switch (messageClass) {
            case USAGE: {
                expectSize(e, 5, messageClass);
                if (!(e.get(3) instanceof CosemData.UInt32 interval) || interval.value() == 0) {
                    throw new BodyException(MessageRejection.BAD_BODY,
                            "usage interval is not a positive double-long-unsigned: " + e.get(3));
                }
                return new MeterMessage.UsageReading(time, Duration.ofSeconds(interval.value()),
                        parseRegisters(e.get(4)));
            }
            case BILLING:
                expectSize(e, 4, messageClass);
                return new MeterMessage.BillingSnapshot(time, parseRegisters(e.get(3)));
            case WARNING: {
                expectSize(e, 5, messageClass);
                if (!(e.get(3) instanceof CosemData.UInt16 code)) {
                    throw new BodyException(MessageRejection.BAD_BODY,
                            "warning event code is not long-unsigned: " + e.get(3).tag());
                }
                WarningType type = WarningType.ofEventCode(code.value());
                if (type == null) {
                    throw new BodyException(MessageRejection.UNKNOWN_WARNING, "event code " + code.value());
                }
                List<Register> value = parseRegisters(e.get(4));
                if (value.size() > 1) {
                    throw new BodyException(MessageRejection.BAD_BODY,
                            "a warning carries at most one value, not " + value.size());
                }
                return new MeterMessage.Warning(type, time, value.stream().findFirst());
            }
            default:
                throw new BodyException(MessageRejection.UNKNOWN_MESSAGE_CLASS, messageClass.name());
        }
    }

    private static void expectSize(List<CosemData> e, int size, MessageClass messageClass) throws BodyException {
        if (e.size() != size) {
            throw new BodyException(MessageRejection.BAD_BODY,
                    messageClass + " body has " + size + " elements, not " + e.size());
        }
    }

    private static Instant time(CosemData d) throws BodyException {
        DecodeResult<CosemDateTime> dt = CosemDateTime.fromData(d);
        if (dt instanceof DecodeResult.Rejected<CosemDateTime> r) {
            throw new BodyException(MessageRejection.BAD_TIME, r.detail());
        }
        CosemDateTime value = ((DecodeResult.Decoded<CosemDateTime>) dt).value();
        if (!value.isInstant()) {
            throw new BodyException(MessageRejection.BAD_TIME, "time has unspecified fields: " + value);
        }
        return value.toInstant();
    }

    private static List<Register> parseRegisters(CosemData d) throws BodyException {
        if (!(d instanceof CosemData.Array array)) {
            throw new BodyException(MessageRejection.BAD_BODY, "registers are not an array: " + d.tag());
        }
        List<Register> out = new ArrayList<>(array.elements().size());
        int index = 0;
        for (CosemData entry : array.elements()) {
            out.add(parseRegister(entry, index++));
        }
        return out;
    }

    private static Register parseRegister(CosemData d, int index) throws BodyException {
        if (!(d instanceof CosemData.Structure s) || s.elements().size() != 4
                || !(s.elements().get(0) instanceof CosemData.OctetString obis) || obis.length() != 6
                || !(s.elements().get(2) instanceof CosemData.Int8 scaler)
                || !(s.elements().get(3) instanceof CosemData.EnumValue unitCode)) {
            throw new BodyException(MessageRejection.BAD_REGISTER, "register " + index
                    + " is not structure{octet-string(6), value, integer, enum}: " + d);
        }
        OptionalLong value = RegisterData.valueOf(s.elements().get(1));
        if (value.isEmpty()) {
            throw new BodyException(MessageRejection.BAD_REGISTER,
                    "register " + index + " value is not an integer in the long range: " + s.elements().get(1));
        }
        Unit unit = Unit.ofCode(unitCode.value());
        if (unit == null) {
            throw new BodyException(MessageRejection.UNKNOWN_UNIT,
                    "register " + index + " unit code " + unitCode.value());
        }
        return new Register(ObisCode.fromBytes(obis.value()), value.getAsLong(), scaler.value(), unit);
    }

    /** A body that is not a MeterMesh message; stackless. */
    private static final class BodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final MessageRejection reason;

        BodyException(MessageRejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    // ---- gateway requests ----

    /** get-request-normal for a Register's value (class 3, attribute 2). */
    public static Apdu.GetRequestNormal readValue(ObisCode register, InvokeIdAndPriority id) {
        return new Apdu.GetRequestNormal(id, new AttributeDescriptor(InterfaceClass.REGISTER, register, 2));
    }

    /** get-request-normal for a Register's scaler_unit (class 3, attribute 3). */
    public static Apdu.GetRequestNormal readScalerUnit(ObisCode register, InvokeIdAndPriority id) {
        return new Apdu.GetRequestNormal(id, new AttributeDescriptor(InterfaceClass.REGISTER, register, 3));
    }

    /**
     * action-request-normal invoking {@code command} on Disconnect control, with the parameter the Blue Book gives
     * both methods ({@code data ::= integer(0)}, 4.5.8).
     */
    public static Apdu.ActionRequestNormal control(ControlCommand command, InvokeIdAndPriority id) {
        return new Apdu.ActionRequestNormal(id, command.method(), Optional.of(new CosemData.Int8(0)));
    }

    /** The result of {@code command} sent with {@code sent}, from the meter's response octets. */
    public ControlResult controlResult(ControlCommand command, InvokeIdAndPriority sent, byte[] response) {
        DecodeResult<Apdu> result = apdus.decode(response);
        if (result instanceof DecodeResult.Rejected<Apdu> r) {
            return failure(command, ReplyError.MALFORMED_ANSWER, Optional.empty(),
                    r.reason() + " at offset " + r.offset() + ": " + r.detail());
        }
        return controlResult(command, sent, ((DecodeResult.Decoded<Apdu>) result).value());
    }

    /** The result of {@code command} sent with {@code sent}, from the meter's response APDU. */
    public static ControlResult controlResult(ControlCommand command, InvokeIdAndPriority sent, Apdu response) {
        if (response instanceof Apdu.ExceptionResponse x) {
            return failure(command, ReplyError.MALFORMED_ANSWER, Optional.empty(), "meter sent exception-response "
                    + "state-error " + x.stateError() + " service-error " + x.serviceError());
        }
        if (!(response instanceof Apdu.ActionResponseNormal a)) {
            return failure(command, ReplyError.MALFORMED_ANSWER, Optional.empty(),
                    response.getClass().getSimpleName() + " where action-response-normal was expected");
        }
        if (a.invokeIdAndPriority().invokeId() != sent.invokeId()) {
            return failure(command, ReplyError.MALFORMED_ANSWER, Optional.empty(), "invoke-id "
                    + a.invokeIdAndPriority().invokeId() + " answers no request (sent " + sent.invokeId() + ")");
        }
        if (a.result() != ActionResult.SUCCESS) {
            return failure(command, ReplyError.METER_REFUSED, Optional.of(a.result()), "action-result " + a.result());
        }
        return MeterMessage.ControlResult.success(command);
    }

    private static ControlResult failure(ControlCommand command, ReplyError error, Optional<ActionResult> meter,
            String detail) {
        return new MeterMessage.ControlResult(command, Optional.of(error), meter, detail);
    }
}
