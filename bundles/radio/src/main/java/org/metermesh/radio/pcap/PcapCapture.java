package org.metermesh.radio.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.Reception;

/**
 * Writes every frame the radio sends or hears to a pcap file (LINKTYPE 283, IEEE 802.15.4 TAP, with FCS type,
 * RSSI, LQI and channel) that Wireshark opens. A write failure stops the capture, never the radio.
 */
public final class PcapCapture implements FrameTap, AutoCloseable {

    private static final Logger LOG = System.getLogger(PcapCapture.class.getName());
    /** Channel page of the SUN FSK PHYs (IEEE 802.15.4-2015 10.1.3); page 0 is 2.4 GHz O-QPSK. */
    private static final int SUN_FSK_PAGE = 9;

    private final Path file;
    private final Scheduler clock;
    private final ChannelPlan plan;
    private final FcsType fcsType;
    private PcapWriter writer;

    public PcapCapture(Path file, Scheduler clock, ChannelPlan plan, FcsType fcsType) throws IOException {
        this.file = file;
        this.clock = clock;
        this.plan = plan;
        this.fcsType = fcsType;
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        this.writer = new PcapWriter(out, LinkType.IEEE802_15_4_TAP);
    }

    @Override
    public void sent(byte[] psdu, int channel, long timestampNanos) {
        write(psdu, metadata(channel));
    }

    @Override
    public void heard(Reception reception) {
        write(reception.psdu(), metadata(reception.channel()).withRss(reception.rssiDbm()).withLqi(reception.lqi()));
    }

    private TapMetadata metadata(int channel) {
        int page = plan == ChannelPlan.OQPSK_2450 ? 0 : SUN_FSK_PAGE;
        return TapMetadata.of(fcsType).withChannel(channel, page)
                .withChannelFrequencyKhz(plan.centerFrequencyKhz(channel)).withBitRate(plan.dataRateBps());
    }

    private void write(byte[] psdu, TapMetadata metadata) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(clock.now(), psdu, metadata);
            writer.flush();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "capture to " + file + " failed; capture stopped, the radio goes on", e);
            close();
        }
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing capture " + file + " failed", e);
        }
        writer = null;
    }
}
