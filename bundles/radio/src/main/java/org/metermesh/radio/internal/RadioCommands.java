package org.metermesh.radio.internal;

import java.util.Map;

import org.metermesh.api.radio.NeighbourLink;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioStatistics;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands {@code radio:stats} and {@code radio:neighbours}: the counters and links an engineer reads first. */
@Component(service = RadioCommands.class, property = {"osgi.command.scope=radio", "osgi.command.function=stats",
    "osgi.command.function=neighbours"})
public final class RadioCommands {

    private final RadioDriver radio;

    @org.osgi.service.component.annotations.Activate
    public RadioCommands(@Reference RadioDriver radio) {
        this.radio = radio;
    }

    /** Counters per reason: rx, tx, acked, no-ack, channel-busy, dropped:&lt;reason&gt;, and the backend's own. */
    public String stats() {
        RadioStatistics statistics = radio.statistics();
        StringBuilder text = new StringBuilder();
        text.append("link ").append(radio.linkState()).append(", channel ").append(radio.settings().channel())
                .append(", PAN 0x").append(Integer.toHexString(radio.settings().panId())).append('\n');
        for (Map.Entry<String, Long> counter : statistics.counters().entrySet()) {
            text.append(String.format("%-28s %12d%n", counter.getKey(), counter.getValue()));
        }
        return text.toString();
    }

    /** Every neighbour heard: address, last and mean RSSI, mean LQI, frames heard, our frames acked or not. */
    public String neighbours() {
        StringBuilder text = new StringBuilder(String.format("%-24s %6s %8s %6s %8s %7s %8s%n", "address", "rssi",
                "mean", "lqi", "heard", "acked", "unacked"));
        for (NeighbourLink link : radio.statistics().neighbours()) {
            text.append(String.format("%-24s %6d %8.1f %6.0f %8d %7d %8d%n", link.address(), link.lastRssiDbm(),
                    link.meanRssiDbm(), link.meanLqi(), link.framesHeard(), link.acked(), link.unacked()));
        }
        return text.toString();
    }
}
