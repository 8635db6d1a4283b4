package org.metermesh.telemetry.meter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.DataAccessResult;
import org.metermesh.telemetry.cosem.DecodeResult;
import org.metermesh.telemetry.cosem.GetDataResult;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.MeterMessage.RegisterOutcome;

/**
 * One on-demand read of a meter's registers (a REQUEST message, seed 003), sans-I/O: for each register a
 * get-request-normal for its value (Register attribute 2) and one for its scaler_unit (attribute 3). The transport
 * sends {@link #requests()} (one CoAP request each), hands each answer to {@link #onResponse}, or reports a timeout
 * with {@link #onNoAnswer}; {@link #result()} then gives the {@link MeterMessage.ReadResult}. Not thread-safe: use
 * it from the event loop.
 */
public final class RegisterRead {

    /** Two requests per register and 16 invoke-ids: at most 8 registers per read. */
    public static final int MAX_REGISTERS = 8;

    private final List<ObisCode> registers;
    private final List<Apdu.GetRequestNormal> requests = new ArrayList<>();
    private final ApduCodec codec;
    private final Map<Apdu.GetRequestNormal, Answer> answers = new HashMap<>();

    /** What came back for one request. */
    private sealed interface Answer {
        record Got(GetDataResult result) implements Answer {
        }

        record Problem(ReplyError error, String detail) implements Answer {
        }
    }

    /**
     * @param registers 1..8 distinct registers
     * @param firstInvokeId invoke-id of the first request; the others follow modulo 16
     */
    public RegisterRead(List<ObisCode> registers, int firstInvokeId, ApduCodec codec) {
        if (registers.isEmpty() || registers.size() > MAX_REGISTERS) {
            throw new IllegalArgumentException("1.." + MAX_REGISTERS + " registers per read, not " + registers.size());
        }
        if (registers.stream().distinct().count() != registers.size()) {
            throw new IllegalArgumentException("registers repeat: " + registers);
        }
        this.registers = List.copyOf(registers);
        this.codec = codec;
        int id = firstInvokeId;
        for (ObisCode obis : registers) {
            requests.add(MeterMessageCodec.readValue(obis, InvokeIdAndPriority.confirmed(id++ & 0x0F)));
            requests.add(MeterMessageCodec.readScalerUnit(obis, InvokeIdAndPriority.confirmed(id++ & 0x0F)));
        }
    }

    public RegisterRead(List<ObisCode> registers, int firstInvokeId) {
        this(registers, firstInvokeId, ApduCodec.DEFAULT);
    }

    /** The requests to send, value then scaler_unit for each register in order. */
    public List<Apdu.GetRequestNormal> requests() {
        return List.copyOf(requests);
    }

    /** The meter's answer (CoAP response payload) to {@code request}; a second answer to it is ignored. */
    public void onResponse(Apdu.GetRequestNormal request, byte[] response) {
        checkOurs(request);
        if (answers.containsKey(request)) {
            return;
        }
        DecodeResult<Apdu> decoded = codec.decode(response);
        if (decoded instanceof DecodeResult.Rejected<Apdu> r) {
            answers.put(request, new Answer.Problem(ReplyError.MALFORMED_ANSWER,
                    r.reason() + " at offset " + r.offset() + ": " + r.detail()));
            return;
        }
        Apdu apdu = ((DecodeResult.Decoded<Apdu>) decoded).value();
        if (!(apdu instanceof Apdu.GetResponseNormal g)) {
            answers.put(request, new Answer.Problem(ReplyError.MALFORMED_ANSWER,
                    apdu.getClass().getSimpleName() + " where get-response-normal was expected"));
        } else if (g.invokeIdAndPriority().invokeId() != request.invokeIdAndPriority().invokeId()) {
            answers.put(request, new Answer.Problem(ReplyError.MALFORMED_ANSWER, "invoke-id "
                    + g.invokeIdAndPriority().invokeId() + " in the answer to " + request.invokeIdAndPriority()));
        } else {
            answers.put(request, new Answer.Got(g.result()));
        }
    }

    /** The transport gave up on {@code request}. */
    public void onNoAnswer(Apdu.GetRequestNormal request, String detail) {
        checkOurs(request);
        answers.putIfAbsent(request, new Answer.Problem(ReplyError.NO_ANSWER, detail));
    }

    /** True once every request has an answer or a timeout. */
    public boolean complete() {
        return answers.size() == requests.size();
    }

    /** The outcome per register, in the order asked; requests still open count as NO_ANSWER. */
    public MeterMessage.ReadResult result() {
        List<RegisterOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < registers.size(); i++) {
            outcomes.add(outcome(registers.get(i), answers.get(requests.get(2 * i)),
                    answers.get(requests.get(2 * i + 1))));
        }
        return new MeterMessage.ReadResult(outcomes);
    }

    private static RegisterOutcome outcome(ObisCode obis, Answer value, Answer scalerUnit) {
        Answer[] both = {value, scalerUnit};
        for (int i = 0; i < both.length; i++) {
            Answer a = both[i];
            String which = i == 0 ? "value" : "scaler_unit";
            if (a == null) {
                return failed(obis, ReplyError.NO_ANSWER, Optional.empty(), which + ": no answer yet");
            }
            if (a instanceof Answer.Problem p) {
                return failed(obis, p.error(), Optional.empty(), which + ": " + p.detail());
            }
            if (((Answer.Got) a).result() instanceof GetDataResult.Failure f) {
                return failed(obis, ReplyError.METER_REFUSED, Optional.of(f.result()), which + ": " + f.result());
            }
        }
        GetDataResult.Value v = (GetDataResult.Value) ((Answer.Got) value).result();
        GetDataResult.Value su = (GetDataResult.Value) ((Answer.Got) scalerUnit).result();
        OptionalLong number = RegisterData.valueOf(v.data());
        if (number.isEmpty()) {
            return failed(obis, ReplyError.UNEXPECTED_VALUE, Optional.empty(), "value is not an integer: " + v.data());
        }
        RegisterData.ScalerUnit parsed = RegisterData.parseScalerUnit(su.data());
        if (parsed == null) {
            return failed(obis, ReplyError.UNEXPECTED_VALUE, Optional.empty(),
                    "scaler_unit is not structure{integer, enum}: " + su.data());
        }
        if (parsed.unit() == null) {
            return failed(obis, ReplyError.UNEXPECTED_VALUE, Optional.empty(),
                    "unit code " + parsed.unitCode() + " is not one MeterMesh carries");
        }
        return new RegisterOutcome.Read(new Register(obis, number.getAsLong(), parsed.scaler(), parsed.unit()));
    }

    private static RegisterOutcome failed(ObisCode obis, ReplyError error, Optional<DataAccessResult> meter,
            String detail) {
        return new RegisterOutcome.Failed(obis, error, meter, detail);
    }

    private void checkOurs(Apdu.GetRequestNormal request) {
        if (!requests.contains(request)) {
            throw new IllegalArgumentException("not a request of this read: " + request);
        }
    }
}
