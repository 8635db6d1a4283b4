package org.metermesh.sim;

import java.time.Duration;
import java.util.Locale;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.rpl.dodag.NodeConfig;

/**
 * The meters' own timings: {@code field} is what a real meter runs ({@link NodeConfig#defaults}), {@code demo}
 * shortens the staggered join and the DAO delay so that a newcomer sees a neighbourhood of a few hundred meters
 * join within a minute. The DODAG's Trickle timings come from the gateway's DIOs (the rpl section), not from here.
 */
public enum MeterProfile {

    /** Join jitter 5 s instead of 60 s, DAO delay 1.5 s (each DAO waits 0.75-2.25 s) instead of 15 s, DIS every 10 s. */
    DEMO {
        @Override
        public NodeConfig nodeConfig(ExtendedAddress mac) {
            return NodeConfig.defaults(mac).withJoinJitter(Duration.ofSeconds(5))
                    .withDaoDelay(Duration.ofMillis(1500)).withDisInterval(Duration.ofSeconds(10));
        }
    },
    /** The field defaults of {@link NodeConfig#defaults}. */
    FIELD {
        @Override
        public NodeConfig nodeConfig(ExtendedAddress mac) {
            return NodeConfig.defaults(mac);
        }
    };

    public abstract NodeConfig nodeConfig(ExtendedAddress mac);

    /** @throws IllegalArgumentException naming the known profiles */
    public static MeterProfile named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; known: demo, field");
        }
    }
}
