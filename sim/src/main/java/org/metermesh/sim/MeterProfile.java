package org.metermesh.sim;

import java.time.Duration;
import java.util.Locale;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.rpl.dodag.NodeConfig;

/**
 * A simulated meter's life: its RPL timings and how often and how eventfully it reports. {@code field} is what a
 * real meter runs ({@link NodeConfig#defaults}, 15-minute interval data, a monthly bill); {@code demo} shortens the
 * staggered join and the DAO delay and reports every few seconds, so that a newcomer sees a neighbourhood of a few
 * hundred meters join and every message class arrive within a minute or two. The DODAG's Trickle timings come from
 * the gateway's DIOs (the rpl section), not from here.
 */
public enum MeterProfile {

    /**
     * Join jitter 5 s instead of 60 s, DAO delay 1.5 s (each DAO waits 0.75-2.25 s) instead of 15 s, DIS every 10 s;
     * a reading every minute, a billing snapshot every 5 min, a random warning about every 10 min per meter. Not
     * faster: 200 meters in earshot of each other share one 150 kb/s channel, which carries about four messages a
     * second across the mesh with their acknowledgements (measured in virtual time: at one reading a minute 93 % of
     * what the meters raised was stored within the first 6 minutes, formation included; at one every 30 s, 61 %, and
     * the meters' queues only grew). Fewer meters can go faster: {@code sim.reading.interval.s}.
     */
    DEMO(Duration.ofMinutes(1), Duration.ofMinutes(5), 6, Duration.ofSeconds(30)) {
        @Override
        public NodeConfig nodeConfig(ExtendedAddress mac) {
            return NodeConfig.defaults(mac).withJoinJitter(Duration.ofSeconds(5))
                    .withDaoDelay(Duration.ofMillis(1500)).withDisInterval(Duration.ofSeconds(10));
        }
    },
    /**
     * The field defaults of {@link NodeConfig#defaults}; 15-minute interval data (the IEC 62056 / DSMR load profile
     * period), a billing snapshot every 30 days, a random warning about once a month per meter.
     */
    FIELD(Duration.ofMinutes(15), Duration.ofDays(30), 1.0 / 720, Duration.ofMinutes(5)) {
        @Override
        public NodeConfig nodeConfig(ExtendedAddress mac) {
            return NodeConfig.defaults(mac);
        }
    };

    /** The energy a meter's capacitor holds after the supply fails: time to send the Last Gasp before it goes dark. */
    public static final Duration LAST_GASP_HOLD_UP = Duration.ofSeconds(2);

    private final Duration readingInterval;
    private final Duration billingPeriod;
    private final double warningsPerMeterHour;
    private final Duration voltageExcursion;

    MeterProfile(Duration readingInterval, Duration billingPeriod, double warningsPerMeterHour,
            Duration voltageExcursion) {
        this.readingInterval = readingInterval;
        this.billingPeriod = billingPeriod;
        this.warningsPerMeterHour = warningsPerMeterHour;
        this.voltageExcursion = voltageExcursion;
    }

    public abstract NodeConfig nodeConfig(ExtendedAddress mac);

    /** Interval energy readings (usage class). */
    public Duration readingInterval() {
        return readingInterval;
    }

    /** A billing snapshot at the end of each period (billing class). */
    public Duration billingPeriod() {
        return billingPeriod;
    }

    /** The mean rate of random warnings (voltage excursions, tamper events) per meter and hour. */
    public double warningsPerMeterHour() {
        return warningsPerMeterHour;
    }

    /** How long a random over- or under-voltage lasts. */
    public Duration voltageExcursion() {
        return voltageExcursion;
    }

    /** @throws IllegalArgumentException naming the known profiles */
    public static MeterProfile named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; known: demo, field");
        }
    }
}
