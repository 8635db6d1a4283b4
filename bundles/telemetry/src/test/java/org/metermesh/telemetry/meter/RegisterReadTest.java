package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.CosemData;
import org.metermesh.telemetry.cosem.DataAccessResult;
import org.metermesh.telemetry.cosem.GetDataResult;
import org.metermesh.telemetry.cosem.Gurux;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.MeterMessage.RegisterOutcome;

class RegisterReadTest {

    private static final Register ENERGY = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 987_654, 0, Unit.WATT_HOUR);
    private static final Register CURRENT = new Register(ObisCode.CURRENT_L1, 512, -2, Unit.AMPERE);

    @Test
    void asksValueAndScalerUnitPerRegisterWithDistinctInvokeIds() {
        RegisterRead read = new RegisterRead(List.of(ObisCode.ACTIVE_ENERGY_IMPORT, ObisCode.CURRENT_L1), 15);
        List<Apdu.GetRequestNormal> requests = read.requests();
        assertThat(requests).extracting(r -> r.attribute().attributeId()).containsExactly(2, 3, 2, 3);
        assertThat(requests).extracting(r -> r.invokeIdAndPriority().invokeId()).containsExactly(15, 0, 1, 2);
        assertThat(requests).allSatisfy(r -> assertThat(r.attribute().classId()).isEqualTo(3));
        assertThat(Gurux.pduToXml(ApduCodec.encode(requests.get(1)))).contains("<ClassId Value=\"0003\" />",
                "<InstanceId Value=\"0100010800FF\" />", "<AttributeId Value=\"03\" />");
    }

    @Test
    void readsRegistersFromAMeterAgent() {
        MeterAgent meter = new MeterAgent(new VirtualScheduler(1), "MM1");
        meter.putRegister(ENERGY);
        meter.putRegister(CURRENT);
        RegisterRead read = new RegisterRead(List.of(ObisCode.CURRENT_L1, ObisCode.ACTIVE_ENERGY_IMPORT,
                ObisCode.VOLTAGE_L1), 0);
        for (Apdu.GetRequestNormal request : read.requests()) {
            assertThat(read.complete()).isFalse();
            read.onResponse(request, meter.handle(ApduCodec.encode(request)).octets());
        }
        assertThat(read.complete()).isTrue();
        MeterMessage.ReadResult result = read.result();
        assertThat(result.messageClass()).isEqualTo(MessageClass.REQUEST);
        assertThat(result.registers()).containsExactly(CURRENT, ENERGY);
        RegisterOutcome.Failed voltage = (RegisterOutcome.Failed) result.outcomes().get(2);
        assertThat(voltage.obis()).isEqualTo(ObisCode.VOLTAGE_L1);
        assertThat(voltage.error()).isEqualTo(ReplyError.METER_REFUSED);
        assertThat(voltage.meterResult()).contains(DataAccessResult.OBJECT_UNDEFINED);
    }

    @Test
    void reportsMissingMalformedAndOddAnswersPerRegister() {
        List<ObisCode> asked = List.of(ObisCode.ACTIVE_ENERGY_IMPORT, ObisCode.CURRENT_L1, ObisCode.VOLTAGE_L1,
                ObisCode.ACTIVE_POWER_IMPORT);
        RegisterRead read = new RegisterRead(asked, 0);
        List<Apdu.GetRequestNormal> q = read.requests();
        // Energy: the value answer is cut short.
        read.onResponse(q.get(0), HexFormat.of().parseHex("c401400006"));
        read.onResponse(q.get(1), answer(q.get(1), scalerUnit(0, 30)));
        // Current: a float where an integer belongs.
        read.onResponse(q.get(2), answer(q.get(2), new CosemData.Float32(5.12f)));
        read.onResponse(q.get(3), answer(q.get(3), scalerUnit(-2, 33)));
        // Voltage: scaler_unit answer with the wrong invoke-id; value timed out.
        read.onNoAnswer(q.get(4), "CoAP timeout");
        read.onResponse(q.get(5), ApduCodec.encode(new Apdu.GetResponseNormal(InvokeIdAndPriority.confirmed(9),
                new GetDataResult.Value(scalerUnit(-1, 35)))));
        // Power: nothing yet for scaler_unit; unknown unit would be next.
        read.onResponse(q.get(6), answer(q.get(6), new CosemData.UInt32(5)));
        assertThat(read.complete()).isFalse();

        List<RegisterOutcome> outcomes = read.result().outcomes();
        assertThat(outcomes).extracting(o -> ((RegisterOutcome.Failed) o).error()).containsExactly(
                ReplyError.MALFORMED_ANSWER, ReplyError.UNEXPECTED_VALUE, ReplyError.NO_ANSWER, ReplyError.NO_ANSWER);
        assertThat(((RegisterOutcome.Failed) outcomes.get(0)).detail()).contains("TRUNCATED");

        read.onResponse(q.get(7), answer(q.get(7), scalerUnit(0, 3)));
        assertThat(read.complete()).isTrue();
        RegisterOutcome.Failed power = (RegisterOutcome.Failed) read.result().outcomes().get(3);
        assertThat(power.error()).isEqualTo(ReplyError.UNEXPECTED_VALUE);
        assertThat(power.detail()).contains("unit code 3");
    }

    @Test
    void aSecondAnswerToTheSameRequestIsIgnored() {
        RegisterRead read = new RegisterRead(List.of(ObisCode.CURRENT_L1), 0);
        Apdu.GetRequestNormal value = read.requests().get(0);
        read.onResponse(value, answer(value, new CosemData.UInt16(512)));
        read.onResponse(value, answer(value, new CosemData.UInt16(999)));
        Apdu.GetRequestNormal su = read.requests().get(1);
        read.onResponse(su, answer(su, scalerUnit(-2, 33)));
        assertThat(read.result().registers()).containsExactly(CURRENT);
    }

    @Test
    void limitsRegistersToTheInvokeIdSpace() {
        assertThatThrownBy(() -> new RegisterRead(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        List<ObisCode> nine = java.util.stream.IntStream.range(0, 9).mapToObj(i -> new ObisCode(1, 0, 1, 8, i, 255))
                .toList();
        assertThatThrownBy(() -> new RegisterRead(nine, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegisterRead(List.of(ObisCode.CLOCK, ObisCode.CLOCK), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] answer(Apdu.GetRequestNormal request, CosemData value) {
        return ApduCodec.encode(new Apdu.GetResponseNormal(request.invokeIdAndPriority(),
                new GetDataResult.Value(value)));
    }

    private static CosemData scalerUnit(int scaler, int unit) {
        return CosemData.Structure.of(new CosemData.Int8(scaler), new CosemData.EnumValue(unit));
    }
}
