package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.telemetry.cosem.ActionResult;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.AttributeDescriptor;
import org.metermesh.telemetry.cosem.CosemData;
import org.metermesh.telemetry.cosem.CosemDateTime;
import org.metermesh.telemetry.cosem.CosemRejection;
import org.metermesh.telemetry.cosem.DataAccessResult;
import org.metermesh.telemetry.cosem.GetDataResult;
import org.metermesh.telemetry.cosem.Gurux;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.MethodDescriptor;
import org.metermesh.telemetry.cosem.ObisCode;

class MeterAgentTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final InvokeIdAndPriority ID = InvokeIdAndPriority.confirmed(3);
    private static final Register ENERGY = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 12_345, 0, Unit.WATT_HOUR);
    private static final Register VOLTAGE = new Register(ObisCode.VOLTAGE_L1, 2301, -1, Unit.VOLT);

    private VirtualScheduler scheduler;
    private MeterAgent agent;

    @BeforeEach
    void meter() {
        scheduler = new VirtualScheduler(1);
        agent = new MeterAgent(scheduler, "MM0000042");
        agent.putRegister(ENERGY);
        agent.putRegister(VOLTAGE);
    }

    @Test
    void answersRegisterValueAndScalerUnit() {
        assertThat(get(3, ObisCode.ACTIVE_ENERGY_IMPORT, 2)).isEqualTo(value(new CosemData.UInt32(12_345)));
        assertThat(get(3, ObisCode.VOLTAGE_L1, 3)).isEqualTo(value(
                CosemData.Structure.of(new CosemData.Int8(-1), new CosemData.EnumValue(35))));
        assertThat(get(3, ObisCode.VOLTAGE_L1, 1)).isEqualTo(value(
                new CosemData.OctetString(ObisCode.VOLTAGE_L1.toBytes())));
    }

    @Test
    void guruxReadsTheAgentsResponse() {
        byte[] response = agent.handle(ApduCodec.encode(new Apdu.GetRequestNormal(ID,
                new AttributeDescriptor(3, ObisCode.VOLTAGE_L1, 3)))).octets();
        assertThat(Gurux.pduToXml(response)).contains("<GetResponseNormal>", "<InvokeIdAndPriority Value=\"43\" />",
                "<Int8 Value=\"FF\" />", "<Enum Value=\"23\" />");
    }

    @Test
    void answersSerialClockAndSwitchState() {
        assertThat(get(1, ObisCode.METER_SERIAL, 2)).isEqualTo(value(
                new CosemData.OctetString("MM0000042".getBytes(StandardCharsets.US_ASCII))));
        scheduler.runFor(Duration.ofHours(1));
        assertThat(get(8, ObisCode.CLOCK, 2)).isEqualTo(value(
                CosemDateTime.ofUtc(VirtualScheduler.DEFAULT_EPOCH.plus(Duration.ofHours(1))).toData()));
        assertThat(get(70, ObisCode.DISCONNECT_CONTROL, 2)).isEqualTo(value(new CosemData.Bool(true)));
        assertThat(get(70, ObisCode.DISCONNECT_CONTROL, 3)).isEqualTo(value(new CosemData.EnumValue(1)));
    }

    @Test
    void refusesWhatItDoesNotHave() {
        assertThat(get(3, ObisCode.CURRENT_L1, 2)).isEqualTo(new GetDataResult.Failure(
                DataAccessResult.OBJECT_UNDEFINED));
        assertThat(get(1, ObisCode.ACTIVE_ENERGY_IMPORT, 2)).isEqualTo(new GetDataResult.Failure(
                DataAccessResult.OBJECT_CLASS_INCONSISTENT));
        assertThat(get(3, ObisCode.ACTIVE_ENERGY_IMPORT, 9)).isEqualTo(new GetDataResult.Failure(
                DataAccessResult.OBJECT_UNAVAILABLE));
    }

    @Test
    void remoteDisconnectAndReconnectSwitchTheSupply() {
        assertThat(action(MeterMessageCodec.control(ControlCommand.REMOTE_DISCONNECT, ID)).result())
                .isEqualTo(ActionResult.SUCCESS);
        assertThat(agent.connected()).isFalse();
        assertThat(get(70, ObisCode.DISCONNECT_CONTROL, 3)).isEqualTo(value(new CosemData.EnumValue(0)));
        assertThat(action(MeterMessageCodec.control(ControlCommand.REMOTE_RECONNECT, ID)).result())
                .isEqualTo(ActionResult.SUCCESS);
        assertThat(agent.connected()).isTrue();
    }

    @Test
    void controlThroughTheCodecEndToEnd() {
        Apdu.ActionRequestNormal off = MeterMessageCodec.control(ControlCommand.REMOTE_DISCONNECT, ID);
        byte[] response = agent.handle(ApduCodec.encode(off)).octets();
        assertThat(MeterMessageCodec.DEFAULT.controlResult(ControlCommand.REMOTE_DISCONNECT, ID, response))
                .isEqualTo(MeterMessage.ControlResult.success(ControlCommand.REMOTE_DISCONNECT));
    }

    @Test
    void refusesBadActions() {
        assertThat(action(new Apdu.ActionRequestNormal(ID, new MethodDescriptor(70, ObisCode.DISCONNECT_CONTROL, 3),
                Optional.empty())).result()).isEqualTo(ActionResult.OBJECT_UNAVAILABLE);
        assertThat(action(new Apdu.ActionRequestNormal(ID, new MethodDescriptor(70, ObisCode.CLOCK, 1),
                Optional.empty())).result()).isEqualTo(ActionResult.OBJECT_CLASS_INCONSISTENT);
        assertThat(action(new Apdu.ActionRequestNormal(ID, new MethodDescriptor(70, ObisCode.parse("0-0:96.3.11"),
                1), Optional.empty())).result()).isEqualTo(ActionResult.OBJECT_UNDEFINED);
        assertThat(action(new Apdu.ActionRequestNormal(ID, ControlCommand.REMOTE_DISCONNECT.method(),
                Optional.of(new CosemData.Int8(1)))).result()).isEqualTo(ActionResult.TYPE_UNMATCHED);
        assertThat(agent.connected()).isTrue();
    }

    @Test
    void setsTheClockAndRefusesOtherWrites() {
        Instant target = Instant.parse("2026-06-01T12:00:00Z");
        assertThat(set(8, ObisCode.CLOCK, 2, CosemDateTime.ofUtc(target).toData())).isEqualTo(DataAccessResult.SUCCESS);
        assertThat(agent.now()).isEqualTo(target);
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(agent.now()).isEqualTo(target.plus(Duration.ofMinutes(1)));

        assertThat(set(8, ObisCode.CLOCK, 2, new CosemData.UInt32(1))).isEqualTo(DataAccessResult.TYPE_UNMATCHED);
        assertThat(set(3, ObisCode.ACTIVE_ENERGY_IMPORT, 2, new CosemData.UInt32(0)))
                .isEqualTo(DataAccessResult.READ_WRITE_DENIED);
        assertThat(set(3, ObisCode.ACTIVE_ENERGY_IMPORT, 7, new CosemData.UInt32(0)))
                .isEqualTo(DataAccessResult.OBJECT_UNAVAILABLE);
        assertThat(set(3, ObisCode.CURRENT_L1, 2, new CosemData.UInt32(0)))
                .isEqualTo(DataAccessResult.OBJECT_UNDEFINED);
        assertThat(agent.register(ObisCode.ACTIVE_ENERGY_IMPORT)).contains(ENERGY);
    }

    @Test
    void malformedRequestsGetAnExceptionResponseAndTheTypedReason() {
        MeterAgent.Response truncated = agent.handle(HEX.parseHex("c001c10003"));
        assertThat(truncated.apdu()).isEqualTo(Apdu.ExceptionResponse.of(1, 3));
        assertThat(truncated.rejection().orElseThrow().reason()).isEqualTo(CosemRejection.TRUNCATED);

        MeterAgent.Response unknown = agent.handle(HEX.parseHex("ee"));
        assertThat(unknown.apdu()).isEqualTo(Apdu.ExceptionResponse.of(2, 2));
        assertThat(unknown.rejection().orElseThrow().reason()).isEqualTo(CosemRejection.UNKNOWN_APDU);

        MeterAgent.Response ciphered = agent.handle(HEX.parseHex("db08000000000000000000"));
        assertThat(ciphered.rejection().orElseThrow().reason()).isEqualTo(CosemRejection.UNSUPPORTED_APDU);

        MeterAgent.Response notARequest = agent.handle(ApduCodec.encode(new Apdu.SetResponseNormal(ID,
                DataAccessResult.SUCCESS)));
        assertThat(notARequest.apdu()).isEqualTo(Apdu.ExceptionResponse.of(1, 2));
        assertThat(notARequest.rejection()).isEmpty();
        assertThat(Gurux.pduToXml(truncated.octets())).contains("<ExceptionResponse>");
        assertThat(agent.counters().get("dropped:truncated")).isEqualTo(1);
        assertThat(agent.counters().get("dropped:unknown_apdu")).isEqualTo(1);
        assertThat(agent.counters().get("dropped:unsupported_apdu")).isEqualTo(1);
        assertThat(agent.counters().get("not-a-request")).isEqualTo(1);
    }

    @Test
    void pushesNumberedNotificationsOfItsState() {
        scheduler.runFor(Duration.ofMinutes(15));
        byte[] first = agent.push(agent.usageReading(Duration.ofMinutes(15)));
        byte[] second = agent.push(agent.warning(WarningType.OVER_VOLTAGE, Optional.of(ObisCode.VOLTAGE_L1)));
        MessageDecodeResult.Decoded usage = (MessageDecodeResult.Decoded) MeterMessageCodec.DEFAULT.decode(first);
        MessageDecodeResult.Decoded warning = (MessageDecodeResult.Decoded) MeterMessageCodec.DEFAULT.decode(second);
        assertThat(usage.sequence()).isZero();
        assertThat(agent.counters().get("pushed")).isEqualTo(2);
        assertThat(warning.sequence()).isEqualTo(1);
        Instant at = VirtualScheduler.DEFAULT_EPOCH.plus(Duration.ofMinutes(15));
        assertThat(usage.message()).isEqualTo(new MeterMessage.UsageReading(at, Duration.ofMinutes(15),
                List.of(ENERGY, VOLTAGE)));
        assertThat(warning.message()).isEqualTo(new MeterMessage.Warning(WarningType.OVER_VOLTAGE, at,
                Optional.of(VOLTAGE)));
        assertThat(agent.billingSnapshot().registers()).containsExactly(ENERGY, VOLTAGE);
    }

    private GetDataResult get(int classId, ObisCode obis, int attribute) {
        Apdu response = agent.handle(ApduCodec.encode(new Apdu.GetRequestNormal(ID,
                new AttributeDescriptor(classId, obis, attribute)))).apdu();
        assertThat(response).isInstanceOf(Apdu.GetResponseNormal.class);
        Apdu.GetResponseNormal g = (Apdu.GetResponseNormal) response;
        assertThat(g.invokeIdAndPriority()).isEqualTo(ID);
        return g.result();
    }

    private DataAccessResult set(int classId, ObisCode obis, int attribute, CosemData value) {
        Apdu response = agent.handle(ApduCodec.encode(new Apdu.SetRequestNormal(ID,
                new AttributeDescriptor(classId, obis, attribute), value))).apdu();
        return ((Apdu.SetResponseNormal) response).result();
    }

    private Apdu.ActionResponseNormal action(Apdu.ActionRequestNormal request) {
        return (Apdu.ActionResponseNormal) agent.handle(ApduCodec.encode(request)).apdu();
    }

    private static GetDataResult value(CosemData data) {
        return new GetDataResult.Value(data);
    }
}
