package org.metermesh.radio.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.serial.SerialRcpConfig;
import org.metermesh.radio.serial.SerialRcpPhy;
import org.metermesh.radio.zep.ZepConfig;
import org.metermesh.radio.zep.ZepPhy;

/** A configured radio backend with the counters it keeps of its own, prefixed with its name. */
record Backend(String name, RadioPhy phy, Supplier<Map<String, Long>> counters) {

    /** The backends the driver can run on, as named in its configuration. */
    enum Kind {
        SIMULATED, SERIAL, ZEP;

        static Kind named(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown radio backend '" + name + "'; known: simulated, serial, zep");
            }
        }
    }

    static Backend create(RadioComponent.Config config, ChannelPlan plan, Scheduler loop) throws IOException {
        return switch (Kind.named(config.backend())) {
            case SIMULATED -> {
                // The gateway alone on a medium: simulated meters attach to it in the simulator and demo.
                SimulatedMedium medium = new SimulatedMedium(loop, plan, MediumSettings.suburban(config.sim_seed()));
                yield new Backend("medium", medium.attach(new Position(0, 0), config.channel(),
                        config.tx_power_dbm()), () -> mediumCounters(medium));
            }
            case SERIAL -> {
                SerialRcpConfig rcp = SerialRcpConfig.defaults(config.serial_port());
                SerialRcpPhy phy = new SerialRcpPhy(new SerialRcpConfig(rcp.portName(), config.serial_baud(),
                        plan.maxPsdu(), rcp.reconnectMin(), rcp.reconnectMax(), rcp.responseTimeout(),
                        rcp.keepaliveInterval(), rcp.txTimeout(), rcp.ccaTimeout()), loop);
                yield new Backend("serial", phy, () -> phy.counters().snapshot());
            }
            case ZEP -> {
                ZepPhy phy = new ZepPhy(ZepConfig.unicast(config.zep_port(), peers(config.zep_peers()),
                        config.short_address()), config.channel(), loop);
                yield new Backend("zep", phy, () -> phy.counters().snapshot());
            }
        };
    }

    /** {@code host:port} pairs. */
    static List<InetSocketAddress> peers(String[] peers) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String peer : peers == null ? new String[0] : peers) {
            if (peer.isBlank()) {
                continue;
            }
            int colon = peer.lastIndexOf(':');
            try {
                result.add(new InetSocketAddress(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("zep.peers entry '" + peer + "' is not host:port");
            }
        }
        return result;
    }

    /** This backend's own counters, each name prefixed with the backend's. */
    Map<String, Long> prefixedCounters() {
        Map<String, Long> result = new TreeMap<>();
        counters.get().forEach((key, value) -> result.put(name + ":" + key, value));
        return result;
    }

    private static Map<String, Long> mediumCounters(SimulatedMedium medium) {
        var c = medium.counters();
        return Map.of("transmissions", c.transmissions(), "delivered", c.delivered(), "collisions", c.collisions(),
                "packet-errors", c.packetErrors(), "extra-loss", c.extraLoss(), "receiver-busy", c.receiverBusy(),
                "blocked-links", c.blockedLinks());
    }
}
