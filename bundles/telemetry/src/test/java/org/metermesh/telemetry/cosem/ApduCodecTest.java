package org.metermesh.telemetry.cosem;

import static org.assertj.core.api.Assertions.assertThat;

import gurux.dlms.GXDLMSTranslator;
import gurux.dlms.TranslatorOutputType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApduCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final InvokeIdAndPriority C1 = new InvokeIdAndPriority(1, true, true);
    private static final CosemDateTime TIME =
            CosemDateTime.of(OffsetDateTime.of(2026, 11, 21, 14, 15, 0, 0, ZoneOffset.ofHours(1)), 0);
    private static final AttributeDescriptor ENERGY_VALUE =
            new AttributeDescriptor(3, ObisCode.ACTIVE_ENERGY_IMPORT, 2);
    private static final MethodDescriptor DISCONNECT = new MethodDescriptor(70, ObisCode.DISCONNECT_CONTROL, 1);

    static Stream<Apdu> samples() {
        return Stream.of(
                new Apdu.DataNotification(LongInvokeIdAndPriority.notification(0x123456, true), Optional.of(TIME),
                        CosemData.Structure.of(new CosemData.EnumValue(5),
                                CosemData.Array.of(new CosemData.UInt32(12345)))),
                new Apdu.DataNotification(LongInvokeIdAndPriority.notification(1, false), Optional.empty(),
                        new CosemData.UInt16(7)),
                new Apdu.GetRequestNormal(C1, ENERGY_VALUE),
                new Apdu.GetResponseNormal(C1, new GetDataResult.Value(new CosemData.UInt32(12345))),
                new Apdu.GetResponseNormal(C1, new GetDataResult.Failure(DataAccessResult.OBJECT_UNDEFINED)),
                new Apdu.SetRequestNormal(C1, new AttributeDescriptor(8, ObisCode.CLOCK, 2), TIME.toData()),
                new Apdu.SetResponseNormal(C1, DataAccessResult.READ_WRITE_DENIED),
                new Apdu.ActionRequestNormal(C1, DISCONNECT, Optional.of(new CosemData.Int8(0))),
                new Apdu.ActionRequestNormal(C1, DISCONNECT, Optional.empty()),
                new Apdu.ActionResponseNormal(C1, ActionResult.SUCCESS, Optional.empty()),
                new Apdu.ActionResponseNormal(C1, ActionResult.SUCCESS,
                        Optional.of(new GetDataResult.Value(new CosemData.Bool(false)))),
                new Apdu.ActionResponseNormal(C1, ActionResult.TEMPORARY_FAILURE,
                        Optional.of(new GetDataResult.Failure(DataAccessResult.HARDWARE_FAULT))),
                Apdu.ExceptionResponse.of(1, 2),
                new Apdu.ExceptionResponse(1, 6, OptionalLong.of(0xFFFF_FFF0L)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTrips(Apdu apdu) {
        assertThat(ApduCodec.DEFAULT.decode(ApduCodec.encode(apdu)).orElseThrow()).isEqualTo(apdu);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyCutIsRejectedAsTruncated(Apdu apdu) {
        byte[] good = ApduCodec.encode(apdu);
        for (int n = 1; n < good.length; n++) {
            DecodeResult<Apdu> r = ApduCodec.DEFAULT.decode(java.util.Arrays.copyOf(good, n));
            assertThat(r).as("cut at %d", n).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(((DecodeResult.Rejected<Apdu>) r).reason()).as("cut at %d", n)
                    .isEqualTo(CosemRejection.TRUNCATED);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void anExtraOctetIsTrailing(Apdu apdu) {
        byte[] good = ApduCodec.encode(apdu);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertRejected(longer, CosemRejection.TRAILING_BYTES, good.length);
    }

    @Test
    void encodesTheGreenBookLayout() {
        assertThat(hex(new Apdu.GetRequestNormal(C1, ENERGY_VALUE))).isEqualTo("c001c1" + "0003" + "0100010800ff" + "02"
                + "00");
        assertThat(hex(new Apdu.GetResponseNormal(C1, new GetDataResult.Value(new CosemData.UInt32(12345)))))
                .isEqualTo("c401c1" + "00" + "0600003039");
        assertThat(hex(new Apdu.GetResponseNormal(C1, new GetDataResult.Failure(DataAccessResult.OBJECT_UNDEFINED))))
                .isEqualTo("c401c1" + "01" + "04");
        assertThat(hex(new Apdu.DataNotification(LongInvokeIdAndPriority.notification(1, false), Optional.empty(),
                new CosemData.UInt16(7)))).isEqualTo("0f" + "00000001" + "00" + "120007");
        assertThat(hex(new Apdu.ActionRequestNormal(C1, DISCONNECT, Optional.of(new CosemData.Int8(0)))))
                .isEqualTo("c301c1" + "0046" + "000060030aff" + "01" + "01" + "0f00");
        assertThat(hex(new Apdu.ActionResponseNormal(C1, ActionResult.SUCCESS, Optional.empty())))
                .isEqualTo("c701c1" + "00" + "00");
    }

    // Independent checks: gurux's translator reads our octets to the same fields.

    @Test
    void guruxReadsOurGetRequest() {
        String xml = Gurux.pduToXml(ApduCodec.encode(new Apdu.GetRequestNormal(C1, ENERGY_VALUE)));
        assertThat(xml).contains("<GetRequestNormal>", "<InvokeIdAndPriority Value=\"C1\" />",
                "<ClassId Value=\"0003\" />", "<InstanceId Value=\"0100010800FF\" />", "<AttributeId Value=\"02\" />");
    }

    @Test
    void guruxReadsOurGetResponses() {
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.GetResponseNormal(C1,
                new GetDataResult.Value(new CosemData.UInt32(12345))))))
                .contains("<GetResponseNormal>", "<Data>", "<UInt32 Value=\"00003039\" />");
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.GetResponseNormal(C1,
                new GetDataResult.Failure(DataAccessResult.OBJECT_UNDEFINED)))))
                .contains("<DataAccessError Value=\"UndefinedObject\" />");
    }

    @Test
    void guruxReadsOurDataNotification() {
        Apdu apdu = new Apdu.DataNotification(LongInvokeIdAndPriority.notification(0x123456, true), Optional.of(TIME),
                CosemData.Structure.of(new CosemData.EnumValue(5), new CosemData.OctetString(
                        ObisCode.VOLTAGE_L1.toBytes())));
        assertThat(Gurux.pduToXml(ApduCodec.encode(apdu))).contains("<DataNotification>",
                "<LongInvokeIdAndPriority Value=\"80123456\" />", "<DateTime Value=\"07EA0B15060E0F0000FFC400\" />",
                "<Structure Qty=\"02\" >", "<Enum Value=\"05\" />", "<OctetString Value=\"0100200700FF\" />");
    }

    @Test
    void guruxReadsOurSetAndActionApdus() {
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.SetRequestNormal(C1,
                new AttributeDescriptor(8, ObisCode.CLOCK, 2), TIME.toData()))))
                .contains("<SetRequestNormal>", "<ClassId Value=\"0008\" />", "<InstanceId Value=\"0000010000FF\" />",
                        "<OctetString Value=\"07EA0B15060E0F0000FFC400\" />");
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.SetResponseNormal(C1, DataAccessResult.SUCCESS))))
                .contains("<SetResponseNormal>", "<Result Value=\"Success\" />");
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.ActionRequestNormal(C1, DISCONNECT,
                Optional.of(new CosemData.Int8(0))))))
                .contains("<ClassId Value=\"0046\" />", "<InstanceId Value=\"000060030AFF\" />",
                        "<MethodId Value=\"01\" />", "<MethodInvocationParameters>", "<Int8 Value=\"00\" />");
        assertThat(Gurux.pduToXml(ApduCodec.encode(new Apdu.ActionResponseNormal(C1, ActionResult.SUCCESS,
                Optional.empty())))).contains("<ActionResponseNormal>", "<Result Value=\"Success\" />");
        assertThat(Gurux.pduToXml(ApduCodec.encode(Apdu.ExceptionResponse.of(1, 2))))
                .contains("<StateError Value=\"ServiceNotAllowed\" />",
                        "<ServiceError Value=\"ServiceNotSupported\" />");
    }

    // Known-good octets from elsewhere, decoded by our codec.

    @Test
    void decodesTheUsualClockReadExample() {
        // The clock read (class 8, 0-0:1.0.0.255, attribute 2) as DLMS examples write it:
        // C0 01 81 00 08 00 00 01 00 00 FF 02 00 (invoke-id 1, high priority, service-class bit 0).
        byte[] octets = HEX.parseHex("c00181000800000100 00ff0200".replace(" ", ""));
        Apdu apdu = ApduCodec.DEFAULT.decode(octets).orElseThrow();
        assertThat(apdu).isEqualTo(new Apdu.GetRequestNormal(new InvokeIdAndPriority(1, false, true),
                new AttributeDescriptor(8, ObisCode.CLOCK, 2)));
        assertThat(Gurux.pduToXml(octets)).contains("<InvokeIdAndPriority Value=\"81\" />",
                "<ClassId Value=\"0008\" />", "<InstanceId Value=\"0000010000FF\" />");
    }

    @Test
    void decodesApdusThatGuruxEncodedFromXml() throws Exception {
        GXDLMSTranslator t = new GXDLMSTranslator(TranslatorOutputType.SIMPLE_XML);
        byte[] response = t.xmlToPdu("<GetResponse><GetResponseNormal><InvokeIdAndPriority Value=\"C2\" />"
                + "<Result><Data><Structure Qty=\"02\" ><Int8 Value=\"FD\" /><Enum Value=\"1E\" /></Structure>"
                + "</Data></Result></GetResponseNormal></GetResponse>");
        assertThat(ApduCodec.DEFAULT.decode(response).orElseThrow()).isEqualTo(new Apdu.GetResponseNormal(
                new InvokeIdAndPriority(2, true, true), new GetDataResult.Value(
                        CosemData.Structure.of(new CosemData.Int8(-3), new CosemData.EnumValue(30)))));

        byte[] notification = t.xmlToPdu("<DataNotification><LongInvokeIdAndPriority Value=\"00000007\" />"
                + "<DateTime Value=\"07EA0B15060E0F0000FFC400\" /><NotificationBody><DataValue>"
                + "<Structure Qty=\"02\" ><OctetString Value=\"0100010800FF\" /><UInt32 Value=\"00003039\" />"
                + "</Structure></DataValue></NotificationBody></DataNotification>");
        assertThat(ApduCodec.DEFAULT.decode(notification).orElseThrow()).isEqualTo(new Apdu.DataNotification(
                LongInvokeIdAndPriority.notification(7, false), Optional.of(TIME), CosemData.Structure.of(
                        new CosemData.OctetString(ObisCode.ACTIVE_ENERGY_IMPORT.toBytes()),
                        new CosemData.UInt32(12345))));

        byte[] action = t.xmlToPdu("<ActionRequest><ActionRequestNormal><InvokeIdAndPriority Value=\"C3\" />"
                + "<MethodDescriptor><ClassId Value=\"0046\" /><InstanceId Value=\"000060030AFF\" />"
                + "<MethodId Value=\"02\" /></MethodDescriptor><MethodInvocationParameters><Int8 Value=\"00\" />"
                + "</MethodInvocationParameters></ActionRequestNormal></ActionRequest>");
        assertThat(ApduCodec.DEFAULT.decode(action).orElseThrow()).isEqualTo(new Apdu.ActionRequestNormal(
                new InvokeIdAndPriority(3, true, true), new MethodDescriptor(70, ObisCode.DISCONNECT_CONTROL, 2),
                Optional.of(new CosemData.Int8(0))));
    }

    // Malformed input: the exact rejection.

    @Test
    void rejectsEmptyAndOversizedInput() {
        assertRejected(new byte[0], CosemRejection.EMPTY, 0);
        DecodeResult<Apdu> r = new ApduCodec(DecodeLimits.DEFAULT, 8).decode(HEX.parseHex("c001c10003010001080"
                + "0ff0200"));
        assertThat(((DecodeResult.Rejected<Apdu>) r).reason()).isEqualTo(CosemRejection.TOO_LONG);
    }

    @Test
    void rejectsUnknownAndUnsupportedApduTags() {
        assertRejected(HEX.parseHex("ee00"), CosemRejection.UNKNOWN_APDU, 0);
        assertRejected(HEX.parseHex("db0800"), CosemRejection.UNSUPPORTED_APDU, 0); // general-glo-ciphering
        assertRejected(HEX.parseHex("6000"), CosemRejection.UNSUPPORTED_APDU, 0); // AARQ
    }

    @Test
    void rejectsServiceChoicesOtherThanNormal() {
        assertRejected(HEX.parseHex("c002c100000001"), CosemRejection.UNSUPPORTED_APDU, 1); // get-request-next
        assertRejected(HEX.parseHex("c009c1"), CosemRejection.BAD_CHOICE, 1);
        assertRejected(HEX.parseHex("c407c100"), CosemRejection.BAD_CHOICE, 1);
    }

    @Test
    void rejectsSelectiveAccess() {
        assertRejected(HEX.parseHex("c001c1" + "0003" + "0100010800ff" + "02" + "01" + "01" + "00"),
                CosemRejection.UNSUPPORTED_APDU, 12);
    }

    @Test
    void rejectsBadOptionalFlagsAndChoices() {
        assertRejected(HEX.parseHex("c001c1" + "0003" + "0100010800ff" + "02" + "02"),
                CosemRejection.BAD_OPTIONAL_FLAG, 12);
        assertRejected(HEX.parseHex("c701c1" + "00" + "05"), CosemRejection.BAD_OPTIONAL_FLAG, 4);
        assertRejected(HEX.parseHex("c401c1" + "02" + "00"), CosemRejection.BAD_CHOICE, 3);
        assertRejected(HEX.parseHex("c401c1" + "01" + "00"), CosemRejection.BAD_CHOICE, 4);
    }

    @Test
    void rejectsUndefinedResultCodes() {
        assertRejected(HEX.parseHex("c401c1" + "01" + "05"), CosemRejection.UNKNOWN_RESULT_CODE, 4);
        assertRejected(HEX.parseHex("c501c1" + "63"), CosemRejection.UNKNOWN_RESULT_CODE, 3);
        assertRejected(HEX.parseHex("c701c1" + "07" + "00"), CosemRejection.UNKNOWN_RESULT_CODE, 3);
    }

    @Test
    void rejectsBadNotificationDateTimes() {
        assertRejected(HEX.parseHex("0f00000001" + "05" + "0102030405" + "1101"), CosemRejection.BAD_DATE_TIME, 5);
        assertRejected(HEX.parseHex("0f00000001" + "0c" + "07ea0d15060e0f0000ffc400" + "1101"),
                CosemRejection.BAD_DATE_TIME, 6);
    }

    @Test
    void rejectsMalformedDataInsideAnApduAtItsOffset() {
        assertRejected(HEX.parseHex("c401c1" + "00" + "07"), CosemRejection.UNKNOWN_TAG, 4);
        assertRejected(HEX.parseHex("0f00000001" + "00" + "0980"), CosemRejection.BAD_LENGTH, 7);
    }

    private static String hex(Apdu apdu) {
        return HEX.formatHex(ApduCodec.encode(apdu));
    }

    private static void assertRejected(byte[] in, CosemRejection reason, int offset) {
        DecodeResult<Apdu> result = ApduCodec.DEFAULT.decode(in);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected<Apdu> rejected = (DecodeResult.Rejected<Apdu>) result;
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
        assertThat(rejected.offset()).as(rejected.detail()).isEqualTo(offset);
    }
}
