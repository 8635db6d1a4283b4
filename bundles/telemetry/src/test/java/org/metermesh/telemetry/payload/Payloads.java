package org.metermesh.telemetry.payload;

import java.time.Instant;

/** Sample payloads shared by the codec tests. */
final class Payloads {

    static final Instant T0 = Instant.parse("2026-11-21T12:15:00.123Z");

    private Payloads() {
    }

    /** A meter reading with one metric of every type, a position and a body. */
    static KuraPayload everyType() {
        return KuraPayload.builder()
                .timestamp(T0)
                .position(new KuraPosition(52.0907, 5.1214, 4.5, 2.0, 180.0, 0.0, T0.minusSeconds(1), 7, 1))
                .metric("voltage", 229.75)
                .metric("frequency", 49.98f)
                .metric("energy_wh", 9_876_543_210L)
                .metric("interval_s", 900)
                .metric("relay_closed", true)
                .metric("firmware", "1.4.2-µ")
                .metric("obis_raw", new byte[] {0x01, 0x00, 0x01, 0x08, 0x00, (byte) 0xff})
                .body(new byte[] {0x00, 0x7f, (byte) 0x80, (byte) 0xff})
                .build();
    }
}
