package org.metermesh.telemetry.cosem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXDateTime;
import gurux.dlms.enums.ClockStatus;
import gurux.dlms.enums.DataType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CosemDateTimeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesLocalTimeWithTheBlueBookDeviationSign() {
        // 2026-11-21 (a Saturday, day-of-week 6) 14:15:00 at UTC+01:00: deviation -60 = 0xFFC4.
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 21, 14, 15, 0, 0, ZoneOffset.ofHours(1));
        CosemDateTime dt = CosemDateTime.of(t, CosemDateTime.STATUS_OK);
        assertThat(HEX.formatHex(dt.toBytes())).isEqualTo("07ea0b15060e0f0000ffc400");
        assertThat(dt.toOffsetDateTime()).isEqualTo(t);
        assertThat(dt.toInstant()).isEqualTo(Instant.parse("2026-11-21T13:15:00Z"));
    }

    @Test
    void guruxReadsTheSameInstantAndStatus() {
        OffsetDateTime t = OffsetDateTime.of(2026, 7, 1, 23, 59, 58, 120_000_000, ZoneOffset.ofHours(2));
        CosemDateTime dt = CosemDateTime.of(t, CosemDateTime.STATUS_DAYLIGHT_SAVING_ACTIVE);
        GXDateTime theirs = (GXDateTime) GXDLMSClient.changeType(dt.toBytes(), DataType.DATETIME);
        assertThat(theirs.getMeterCalendar().toInstant()).isEqualTo(t.toInstant());
        assertThat(theirs.getStatus()).containsExactly(ClockStatus.DAYLIGHT_SAVE_ACTIVE);
    }

    @Test
    void roundTripsThroughOctets() {
        CosemDateTime dt = CosemDateTime.ofUtc(Instant.parse("2030-02-28T00:00:01.99Z"));
        assertThat(CosemDateTime.decode(dt.toBytes()).orElseThrow()).isEqualTo(dt);
        assertThat(CosemDateTime.fromData(dt.toData()).orElseThrow()).isEqualTo(dt);
    }

    @Test
    void keepsUnspecifiedFields() {
        byte[] octets = HEX.parseHex("ffffff" + "fe" + "ff" + "00" + "00" + "00" + "ff" + "8000" + "ff");
        CosemDateTime dt = CosemDateTime.decode(octets).orElseThrow();
        assertThat(dt.year()).isEqualTo(CosemDateTime.YEAR_NOT_SPECIFIED);
        assertThat(dt.dayOfMonth()).isEqualTo(CosemDateTime.DAY_LAST);
        assertThat(dt.deviation()).isEqualTo(CosemDateTime.DEVIATION_NOT_SPECIFIED);
        assertThat(dt.isInstant()).isFalse();
        assertThat(dt.toBytes()).containsExactly(octets);
        assertThatThrownBy(dt::toOffsetDateTime).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsWrongLengthAndOutOfRangeFields() {
        assertBad("07ea0b15060e0f0000ffc4", "12 octets");
        assertBad("07ea0d15060e0f0000ffc400", "month 13");
        assertBad("07ea0b15060e3c0000ffc400", "minute 60");
        assertBad("07ea0b15060e0f0064ffc400", "hundredths 100");
        assertBad("07ea0b15060e0f0000fd0000", "deviation -768");
        assertBad("07ea021e060e0f0000000000", "no such date");
        assertBad("07ea0b15080e0f0000000000", "day-of-week 8");
    }

    @Test
    void rejectsDataThatIsNotAnOctetString() {
        DecodeResult<CosemDateTime> r = CosemDateTime.fromData(new CosemData.UInt32(5));
        assertThat(((DecodeResult.Rejected<CosemDateTime>) r).reason()).isEqualTo(CosemRejection.BAD_DATE_TIME);
    }

    private static void assertBad(String hex, String detail) {
        DecodeResult<CosemDateTime> r = CosemDateTime.decode(HEX.parseHex(hex));
        assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected<CosemDateTime> rejected = (DecodeResult.Rejected<CosemDateTime>) r;
        assertThat(rejected.reason()).isEqualTo(CosemRejection.BAD_DATE_TIME);
        assertThat(rejected.detail()).contains(detail);
    }
}
