package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.metermesh.telemetry.cosem.ActionResult;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.AxdrCodec;
import org.metermesh.telemetry.cosem.CosemData;
import org.metermesh.telemetry.cosem.CosemDateTime;
import org.metermesh.telemetry.cosem.CosemRejection;
import org.metermesh.telemetry.cosem.Gurux;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.LongInvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;

class MeterMessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T = Instant.parse("2026-11-21T13:15:00Z");
    private static final Register ENERGY = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 12_345_678, 0, Unit.WATT_HOUR);
    private static final Register EXPORT = new Register(ObisCode.ACTIVE_ENERGY_EXPORT, 0, 0, Unit.WATT_HOUR);
    private static final Register VOLTAGE = new Register(ObisCode.VOLTAGE_L1, 2581, -1, Unit.VOLT);
    private static final Register NEGATIVE = new Register(ObisCode.ACTIVE_POWER_IMPORT, -5_000_000_000L, 0, Unit.WATT);

    static Stream<MeterMessage.Pushed> pushed() {
        return Stream.of(
                new MeterMessage.UsageReading(T, Duration.ofMinutes(15), List.of(ENERGY, EXPORT, VOLTAGE, NEGATIVE)),
                new MeterMessage.UsageReading(T, Duration.ofSeconds(1), List.of()),
                new MeterMessage.BillingSnapshot(T, List.of(ENERGY, EXPORT)),
                new MeterMessage.Warning(WarningType.OVER_VOLTAGE, T, Optional.of(VOLTAGE)),
                new MeterMessage.Warning(WarningType.LAST_GASP, T, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("pushed")
    void pushedMessagesRoundTrip(MeterMessage.Pushed message) {
        byte[] octets = MeterMessageCodec.encode(message, 0x1000001);
        assertThat(MeterMessageCodec.DEFAULT.decode(octets))
                .isEqualTo(new MessageDecodeResult.Decoded(message, 1));
    }

    @ParameterizedTest
    @MethodSource("pushed")
    void guruxReadsTheNotificationBody(MeterMessage.Pushed message) {
        byte[] octets = MeterMessageCodec.encode(message, 7);
        Apdu.DataNotification n = (Apdu.DataNotification) ApduCodec.DEFAULT.decode(octets).orElseThrow();
        String xml = Gurux.pduToXml(octets);
        assertThat(xml).contains("<DataNotification>", "<Enum Value=\"0" + message.messageClass().code() + "\" />");
        Gurux.assertSameValue(n.body(), Gurux.decodeData(AxdrCodec.encode(n.body())).value());
    }

    @Test
    void usageBodyHasTheDocumentedLayout() {
        MeterMessage.UsageReading usage = new MeterMessage.UsageReading(T, Duration.ofMinutes(15), List.of(ENERGY));
        byte[] octets = MeterMessageCodec.encode(usage, 2);
        String dt = HEX.formatHex(CosemDateTime.ofUtc(T).toBytes());
        assertThat(HEX.formatHex(octets)).isEqualTo("0f" + "00000002" + "0c" + dt
                + "0205" + "1101" + "1604" + "090c" + dt + "0600000384"
                + "0101" + "0204" + "09060100010800ff" + "0600bc614e" + "0f00" + "161e");
    }

    @Test
    void warningsAreHighPriority() {
        Apdu.DataNotification n = MeterMessageCodec.toNotification(
                new MeterMessage.Warning(WarningType.TAMPER_COVER, T, Optional.empty()), 3);
        assertThat(n.invokeIdAndPriority().highPriority()).isTrue();
        assertThat(MeterMessageCodec.toNotification(new MeterMessage.BillingSnapshot(T, List.of()), 3)
                .invokeIdAndPriority().highPriority()).isFalse();
    }

    // ---- rejections ----

    @Test
    void malformedApduCarriesTheCosemReason() {
        byte[] octets = MeterMessageCodec.encode(new MeterMessage.BillingSnapshot(T, List.of(ENERGY)), 1);
        MessageDecodeResult r = MeterMessageCodec.DEFAULT.decode(java.util.Arrays.copyOf(octets, octets.length - 1));
        assertThat(r).isInstanceOf(MessageDecodeResult.Rejected.class);
        MessageDecodeResult.Rejected rejected = (MessageDecodeResult.Rejected) r;
        assertThat(rejected.reason()).isEqualTo(MessageRejection.MALFORMED_APDU);
        assertThat(rejected.cause()).contains(CosemRejection.TRUNCATED);
    }

    @Test
    void otherApdusAreNotNotifications() {
        byte[] get = ApduCodec.encode(MeterMessageCodec.readValue(ObisCode.VOLTAGE_L1, InvokeIdAndPriority.confirmed(1)));
        assertRejected(MeterMessageCodec.DEFAULT.decode(get), MessageRejection.NOT_A_NOTIFICATION);
    }

    @Test
    void rejectsBodiesThatAreNotMeterMeshMessages() {
        CosemData time = CosemDateTime.ofUtc(T).toData();
        CosemData one = new CosemData.UInt8(1);
        CosemData noRegisters = CosemData.Array.of();
        assertBody(new CosemData.UInt32(5), MessageRejection.UNSUPPORTED_VERSION);
        assertBody(CosemData.Structure.of(new CosemData.UInt8(2), new CosemData.EnumValue(3), time, noRegisters),
                MessageRejection.UNSUPPORTED_VERSION);
        assertBody(CosemData.Structure.of(one, new CosemData.UInt8(3), time, noRegisters), MessageRejection.BAD_BODY);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(9), time, noRegisters),
                MessageRejection.UNKNOWN_MESSAGE_CLASS);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(1), time, noRegisters),
                MessageRejection.UNKNOWN_MESSAGE_CLASS);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(3), time), MessageRejection.BAD_BODY);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(3), new CosemData.OctetString(new byte[3]),
                noRegisters), MessageRejection.BAD_TIME);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(4), time, new CosemData.UInt32(0),
                noRegisters), MessageRejection.BAD_BODY);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(5), time, new CosemData.UInt16(99),
                noRegisters), MessageRejection.UNKNOWN_WARNING);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(3), time,
                CosemData.Array.of(CosemData.Structure.of(new CosemData.OctetString(new byte[5]),
                        new CosemData.UInt32(1), new CosemData.Int8(0), new CosemData.EnumValue(30)))),
                MessageRejection.BAD_REGISTER);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(3), time,
                CosemData.Array.of(CosemData.Structure.of(new CosemData.OctetString(new byte[6]),
                        new CosemData.Float32(1f), new CosemData.Int8(0), new CosemData.EnumValue(30)))),
                MessageRejection.BAD_REGISTER);
        assertBody(CosemData.Structure.of(one, new CosemData.EnumValue(3), time,
                CosemData.Array.of(CosemData.Structure.of(new CosemData.OctetString(new byte[6]),
                        new CosemData.UInt32(1), new CosemData.Int8(0), new CosemData.EnumValue(3)))),
                MessageRejection.UNKNOWN_UNIT);
    }

    @Test
    void unspecifiedTimeIsRejected() {
        CosemData unspecified = new CosemData.OctetString(HEX.parseHex("ffffffffffffffffff8000ff"));
        assertBody(CosemData.Structure.of(new CosemData.UInt8(1), new CosemData.EnumValue(3), unspecified,
                CosemData.Array.of()), MessageRejection.BAD_TIME);
    }

    // ---- control ----

    @Test
    void controlRequestsAddressDisconnectControl() {
        Apdu.ActionRequestNormal off = MeterMessageCodec.control(ControlCommand.REMOTE_DISCONNECT,
                InvokeIdAndPriority.confirmed(4));
        assertThat(HEX.formatHex(ApduCodec.encode(off))).isEqualTo("c30144" + "0046" + "000060030aff" + "01"
                + "01" + "0f00");
        assertThat(Gurux.pduToXml(ApduCodec.encode(off))).contains("<MethodId Value=\"01\" />");
        assertThat(MeterMessageCodec.control(ControlCommand.REMOTE_RECONNECT, InvokeIdAndPriority.confirmed(4))
                .method().methodId()).isEqualTo(2);
    }

    @Test
    void controlResponsesMapToResults() {
        InvokeIdAndPriority sent = InvokeIdAndPriority.confirmed(4);
        ControlCommand off = ControlCommand.REMOTE_DISCONNECT;
        assertThat(MeterMessageCodec.DEFAULT.controlResult(off, sent, ApduCodec.encode(
                new Apdu.ActionResponseNormal(sent, ActionResult.SUCCESS, Optional.empty()))).succeeded()).isTrue();

        MeterMessage.ControlResult refused = MeterMessageCodec.DEFAULT.controlResult(off, sent, ApduCodec.encode(
                new Apdu.ActionResponseNormal(sent, ActionResult.TEMPORARY_FAILURE, Optional.empty())));
        assertThat(refused.error()).contains(ReplyError.METER_REFUSED);
        assertThat(refused.meterResult()).contains(ActionResult.TEMPORARY_FAILURE);

        assertThat(MeterMessageCodec.DEFAULT.controlResult(off, sent, ApduCodec.encode(new Apdu.ActionResponseNormal(
                InvokeIdAndPriority.confirmed(5), ActionResult.SUCCESS, Optional.empty()))).error())
                .contains(ReplyError.MALFORMED_ANSWER);
        assertThat(MeterMessageCodec.DEFAULT.controlResult(off, sent, HEX.parseHex("c701")).error())
                .contains(ReplyError.MALFORMED_ANSWER);
        assertThat(MeterMessageCodec.DEFAULT.controlResult(off, sent, HEX.parseHex("d80102")).error())
                .contains(ReplyError.MALFORMED_ANSWER);
        assertThat(MeterMessage.ControlResult.noAnswer(off, "timeout").error()).contains(ReplyError.NO_ANSWER);
    }

    private static void assertBody(CosemData body, MessageRejection reason) {
        Apdu.DataNotification n = new Apdu.DataNotification(LongInvokeIdAndPriority.notification(1, false),
                Optional.empty(), body);
        MessageDecodeResult viaOctets = MeterMessageCodec.DEFAULT.decode(ApduCodec.encode(n));
        assertRejected(viaOctets, reason);
        assertThat(MeterMessageCodec.fromNotification(n)).isEqualTo(viaOctets);
    }

    private static void assertRejected(MessageDecodeResult r, MessageRejection reason) {
        assertThat(r).isInstanceOf(MessageDecodeResult.Rejected.class);
        MessageDecodeResult.Rejected rejected = (MessageDecodeResult.Rejected) r;
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
    }
}
