package org.metermesh.telemetry.meter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.telemetry.cosem.ActionResult;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.AttributeDescriptor;
import org.metermesh.telemetry.cosem.CosemData;
import org.metermesh.telemetry.cosem.CosemDateTime;
import org.metermesh.telemetry.cosem.CosemRejection;
import org.metermesh.telemetry.cosem.DataAccessResult;
import org.metermesh.telemetry.cosem.DecodeResult;
import org.metermesh.telemetry.cosem.GetDataResult;
import org.metermesh.telemetry.cosem.InterfaceClass;
import org.metermesh.telemetry.cosem.MethodDescriptor;
import org.metermesh.telemetry.cosem.ObisCode;

/**
 * The COSEM server of one meter, sans-I/O: holds the meter's registers, clock and supply switch, answers the
 * gateway's get/set/action request APDUs, and builds the data-notifications the meter pushes. Simulated meters run
 * one each. Not thread-safe: drive it from the meter's event loop.
 *
 * <p>Objects served (class-id, logical name: attributes / methods):
 * <ul>
 *   <li>Register (3), each register held: 1 logical_name, 2 value, 3 scaler_unit; read-only.
 *   <li>Data (1), 0-0:96.1.0.255 device ID: 1, 2 the serial number as octet-string; read-only.
 *   <li>Clock (8), 0-0:1.0.0.255: 1, 2 time (readable and settable; setting it shifts the meter clock).
 *   <li>Disconnect control (70), 0-0:96.3.10.255: 1, 2 output_state (boolean), 3 control_state (enum 0
 *       disconnected, 1 connected); method 1 remote_disconnect, method 2 remote_reconnect, each with parameter
 *       integer(0) or none. Reconnection is direct, without the ready_for_reconnection state some control modes use
 *       (Blue Book 4.5.8).
 * </ul>
 * Unknown logical names answer object-undefined; a known name with another class-id object-class-inconsistent; an
 * attribute or method the object lacks object-unavailable; a write to a read-only attribute read-write-denied; a
 * value of the wrong type type-unmatched. An APDU that does not decode, or is not a request, gets an
 * exception-response (Green Book 9.5).
 *
 * <p>Counters: {@code get}, {@code set}, {@code action}, {@code not-a-request}, {@code pushed}, and
 * {@code dropped:<reason>} per {@link CosemRejection} of a malformed request.
 */
public final class MeterAgent {

    private final Scheduler scheduler;
    private final String serial;
    private final ApduCodec codec;
    private final Map<ObisCode, Register> registers = new LinkedHashMap<>();
    private final Counters counters = new Counters();
    private Duration clockOffset = Duration.ZERO;
    private boolean connected = true;
    private int sequence;

    /** The answer to one request: the response APDU, its octets, and the rejection if the request was malformed. */
    public record Response(Apdu apdu, byte[] octets, Optional<DecodeResult.Rejected<Apdu>> rejection) {
        public Response {
            Objects.requireNonNull(apdu, "apdu");
            octets = octets.clone();
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public byte[] octets() {
            return octets.clone();
        }
    }

    /**
     * @param scheduler the meter's time source ({@code now()})
     * @param serial the device ID, printable ASCII
     */
    public MeterAgent(Scheduler scheduler, String serial, ApduCodec codec) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public MeterAgent(Scheduler scheduler, String serial) {
        this(scheduler, serial, ApduCodec.DEFAULT);
    }

    public Counters counters() {
        return counters;
    }

    // ---- meter state ----

    /** Adds or replaces the register with this OBIS code. */
    public void putRegister(Register register) {
        ObisCode obis = register.obis();
        if (obis.equals(ObisCode.METER_SERIAL) || obis.equals(ObisCode.CLOCK)
                || obis.equals(ObisCode.DISCONNECT_CONTROL)) {
            throw new IllegalArgumentException(obis + " is not a register");
        }
        registers.put(obis, register);
    }

    public Optional<Register> register(ObisCode obis) {
        return Optional.ofNullable(registers.get(obis));
    }

    /** The registers in the order they were first put. */
    public Collection<Register> registers() {
        return List.copyOf(registers.values());
    }

    /** True while the supply switch is closed. */
    public boolean connected() {
        return connected;
    }

    /** The meter's clock: the scheduler's time plus whatever the gateway set. */
    public Instant now() {
        return scheduler.now().plus(clockOffset);
    }

    // ---- pushes ----

    /** A usage reading of all registers now. */
    public MeterMessage.UsageReading usageReading(Duration interval) {
        return new MeterMessage.UsageReading(now(), interval, new ArrayList<>(registers.values()));
    }

    /** A billing snapshot of all registers, for the period that ends now. */
    public MeterMessage.BillingSnapshot billingSnapshot() {
        return new MeterMessage.BillingSnapshot(now(), new ArrayList<>(registers.values()));
    }

    /** A warning now, with the value of {@code measured} if given and held. */
    public MeterMessage.Warning warning(WarningType type, Optional<ObisCode> measured) {
        return new MeterMessage.Warning(type, now(), measured.map(registers::get));
    }

    /** The data-notification octets for {@code message}, numbered by this meter's notification counter. */
    public byte[] push(MeterMessage.Pushed message) {
        byte[] octets = MeterMessageCodec.encode(message, sequence);
        sequence = (sequence + 1) & 0xFF_FFFF;
        counters.increment("pushed");
        return octets;
    }

    // ---- requests ----

    /** Answers one request APDU (a CoAP request payload). */
    public Response handle(byte[] request) {
        DecodeResult<Apdu> decoded = codec.decode(request);
        if (decoded instanceof DecodeResult.Rejected<Apdu> r) {
            counters.increment(r.reason().counterName());
            return respond(exceptionFor(r.reason()), Optional.of(r));
        }
        return respond(answer(((DecodeResult.Decoded<Apdu>) decoded).value()), Optional.empty());
    }

    private static Response respond(Apdu apdu, Optional<DecodeResult.Rejected<Apdu>> rejection) {
        return new Response(apdu, ApduCodec.encode(apdu), rejection);
    }

    private static Apdu exceptionFor(CosemRejection reason) {
        switch (reason) {
            case TOO_LONG:
                return Apdu.ExceptionResponse.of(Apdu.ExceptionResponse.STATE_SERVICE_NOT_ALLOWED,
                        Apdu.ExceptionResponse.SERVICE_PDU_TOO_LONG);
            case UNKNOWN_APDU:
            case UNSUPPORTED_APDU:
                return Apdu.ExceptionResponse.of(Apdu.ExceptionResponse.STATE_SERVICE_UNKNOWN,
                        Apdu.ExceptionResponse.SERVICE_NOT_SUPPORTED);
            default:
                return Apdu.ExceptionResponse.of(Apdu.ExceptionResponse.STATE_SERVICE_NOT_ALLOWED,
                        Apdu.ExceptionResponse.SERVICE_OTHER_REASON);
        }
    }

    private Apdu answer(Apdu request) {
        if (request instanceof Apdu.GetRequestNormal g) {
            counters.increment("get");
            return new Apdu.GetResponseNormal(g.invokeIdAndPriority(), get(g.attribute()));
        }
        if (request instanceof Apdu.SetRequestNormal s) {
            counters.increment("set");
            return new Apdu.SetResponseNormal(s.invokeIdAndPriority(), set(s.attribute(), s.value()));
        }
        if (request instanceof Apdu.ActionRequestNormal a) {
            counters.increment("action");
            return new Apdu.ActionResponseNormal(a.invokeIdAndPriority(), action(a.method(), a.parameters()),
                    Optional.empty());
        }
        // Responses and notifications are not requests a meter serves.
        counters.increment("not-a-request");
        return Apdu.ExceptionResponse.of(Apdu.ExceptionResponse.STATE_SERVICE_NOT_ALLOWED,
                Apdu.ExceptionResponse.SERVICE_NOT_SUPPORTED);
    }

    /** The class-id of the object with this logical name, or -1. */
    private int classOf(ObisCode obis) {
        if (obis.equals(ObisCode.METER_SERIAL)) {
            return InterfaceClass.DATA;
        }
        if (obis.equals(ObisCode.CLOCK)) {
            return InterfaceClass.CLOCK;
        }
        if (obis.equals(ObisCode.DISCONNECT_CONTROL)) {
            return InterfaceClass.DISCONNECT_CONTROL;
        }
        return registers.containsKey(obis) ? InterfaceClass.REGISTER : -1;
    }

    private DataAccessResult locate(int classId, ObisCode obis) {
        int actual = classOf(obis);
        if (actual < 0) {
            return DataAccessResult.OBJECT_UNDEFINED;
        }
        return actual == classId ? DataAccessResult.SUCCESS : DataAccessResult.OBJECT_CLASS_INCONSISTENT;
    }

    private GetDataResult get(AttributeDescriptor a) {
        DataAccessResult located = locate(a.classId(), a.instance());
        if (located != DataAccessResult.SUCCESS) {
            return new GetDataResult.Failure(located);
        }
        if (a.attributeId() == InterfaceClass.ATTRIBUTE_LOGICAL_NAME) {
            return value(new CosemData.OctetString(a.instance().toBytes()));
        }
        switch (a.classId()) {
            case InterfaceClass.REGISTER: {
                Register r = registers.get(a.instance());
                if (a.attributeId() == 2) {
                    return value(RegisterData.value(r.value()));
                }
                if (a.attributeId() == 3) {
                    return value(RegisterData.scalerUnit(r.scaler(), r.unit()));
                }
                break;
            }
            case InterfaceClass.DATA:
                if (a.attributeId() == 2) {
                    return value(new CosemData.OctetString(serial.getBytes(StandardCharsets.US_ASCII)));
                }
                break;
            case InterfaceClass.CLOCK:
                if (a.attributeId() == 2) {
                    return value(CosemDateTime.ofUtc(now()).toData());
                }
                break;
            case InterfaceClass.DISCONNECT_CONTROL:
                if (a.attributeId() == 2) {
                    return value(new CosemData.Bool(connected));
                }
                if (a.attributeId() == 3) {
                    return value(new CosemData.EnumValue(connected ? 1 : 0));
                }
                break;
            default:
                break;
        }
        return new GetDataResult.Failure(DataAccessResult.OBJECT_UNAVAILABLE);
    }

    private static GetDataResult value(CosemData data) {
        return new GetDataResult.Value(data);
    }

    private DataAccessResult set(AttributeDescriptor a, CosemData value) {
        DataAccessResult located = locate(a.classId(), a.instance());
        if (located != DataAccessResult.SUCCESS) {
            return located;
        }
        if (!attributeExists(a)) {
            return DataAccessResult.OBJECT_UNAVAILABLE;
        }
        if (a.classId() != InterfaceClass.CLOCK || a.attributeId() != 2) {
            return DataAccessResult.READ_WRITE_DENIED;
        }
        DecodeResult<CosemDateTime> time = CosemDateTime.fromData(value);
        if (!(time instanceof DecodeResult.Decoded<CosemDateTime> t) || !t.value().isInstant()) {
            return DataAccessResult.TYPE_UNMATCHED;
        }
        clockOffset = Duration.between(scheduler.now(), t.value().toInstant());
        return DataAccessResult.SUCCESS;
    }

    private static boolean attributeExists(AttributeDescriptor a) {
        int id = a.attributeId();
        switch (a.classId()) {
            case InterfaceClass.REGISTER:
            case InterfaceClass.DISCONNECT_CONTROL:
                return id >= 1 && id <= 3;
            default:
                return id == 1 || id == 2;
        }
    }

    private ActionResult action(MethodDescriptor m, Optional<CosemData> parameters) {
        DataAccessResult located = locate(m.classId(), m.instance());
        if (located == DataAccessResult.OBJECT_UNDEFINED) {
            return ActionResult.OBJECT_UNDEFINED;
        }
        if (located == DataAccessResult.OBJECT_CLASS_INCONSISTENT) {
            return ActionResult.OBJECT_CLASS_INCONSISTENT;
        }
        ControlCommand command = m.classId() == InterfaceClass.DISCONNECT_CONTROL
                ? ControlCommand.ofMethodId(m.methodId()) : null;
        if (command == null) {
            return ActionResult.OBJECT_UNAVAILABLE;
        }
        // Blue Book 4.5.8: both methods take data ::= integer(0).
        if (parameters.isPresent() && !parameters.get().equals(new CosemData.Int8(0))) {
            return ActionResult.TYPE_UNMATCHED;
        }
        connected = command == ControlCommand.REMOTE_RECONNECT;
        return ActionResult.SUCCESS;
    }
}
