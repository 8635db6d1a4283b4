package org.metermesh.radio.zep;

/**
 * ZEP v2 carries an LQI but no RSSI, so the receiver derives one. LQI is taken to rise linearly from 0 at the
 * receiver sensitivity to 255 at 40 dB above it, the curve the simulated medium uses to produce LQI from RSSI
 * (IEEE 802.15.4-2015 10.2.6 leaves the mapping to the implementation; 40 dB is the minimum energy-detection range
 * of 10.2.5). The inverse gives {@code rssi = sensitivity + lqi * 40 / 255}: LQI 255 reads as sensitivity + 40 dB,
 * LQI 0 as sensitivity.
 */
public final class LqiRssiMapping {

    /** dB from LQI 0 to LQI 255. */
    public static final double SPAN_DB = 40.0;

    private final double sensitivityDbm;

    /** @param sensitivityDbm RSSI that maps to LQI 0; -100 dBm for the sub-GHz SUN FSK radios MeterMesh targets */
    public LqiRssiMapping(double sensitivityDbm) {
        this.sensitivityDbm = sensitivityDbm;
    }

    public int rssiDbm(int lqi) {
        if (lqi < 0 || lqi > 255) {
            throw new IllegalArgumentException("lqi " + lqi + " is outside 0..255");
        }
        return (int) Math.round(sensitivityDbm + lqi * SPAN_DB / 255);
    }

    public double sensitivityDbm() {
        return sensitivityDbm;
    }
}
