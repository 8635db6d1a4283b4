package org.metermesh.radio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioListener;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.api.radio.RadioStatistics;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.mac.MacRadioDriver;
import org.metermesh.radio.pcap.PcapCapture;
import org.metermesh.radio.phy.ChannelPlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The radio driver service: the MAC over the configured backend ({@link MacRadioDriver}), driven by the gateway's
 * event loop. Any change of configuration re-creates it (consumers hold dynamic references and rebind).
 * {@link #apply} and {@link #statistics} wait for the event loop: call them from other threads (consoles,
 * management), never from a task on the loop.
 */
@Component(name = RadioComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = RadioDriver.class,
        immediate = true)
@Designate(ocd = RadioComponent.Config.class)
public final class RadioComponent implements RadioDriver {

    public static final String PID = "org.metermesh.radio";

    /** Defaults from the field manual's {@code iz set wpan0 0xcafe 0x0001 0x11}. */
    @ObjectClassDefinition(id = PID, name = "MeterMesh radio",
            description = "IEEE 802.15.4/802.15.4g radio: backend, addressing, channel plan, channel and power.")
    public @interface Config {
        @AttributeDefinition(name = "Backend", description = "simulated: an in-process medium; serial: a radio "
                + "co-processor on a serial port (bundles/radio/RCP-PROTOCOL.md); zep: ZEP v2 over UDP.",
                options = {@Option(value = "simulated", label = "Simulated medium"),
                    @Option(value = "serial", label = "Serial radio co-processor"),
                    @Option(value = "zep", label = "ZEP v2 over UDP")})
        String backend() default "simulated";

        @AttributeDefinition(name = "Channel plan", description = "oqpsk-2450 (channels 11-26) or the North-American "
                + "902-928 MHz SUN FSK plan sun-fsk-na-<50|100|150|200|300 kb/s> (channels 0-128).",
                options = {@Option(value = "sun-fsk-na-50", label = "SUN FSK 902-928 MHz, 50 kb/s"),
                    @Option(value = "sun-fsk-na-100", label = "SUN FSK 902-928 MHz, 100 kb/s"),
                    @Option(value = "sun-fsk-na-150", label = "SUN FSK 902-928 MHz, 150 kb/s"),
                    @Option(value = "sun-fsk-na-200", label = "SUN FSK 902-928 MHz, 200 kb/s"),
                    @Option(value = "sun-fsk-na-300", label = "SUN FSK 902-928 MHz, 300 kb/s"),
                    @Option(value = "oqpsk-2450", label = "2.4 GHz O-QPSK, 250 kb/s")})
        String channel_plan() default "sun-fsk-na-50";

        @AttributeDefinition(name = "PAN ID", min = "0", max = "65534",
                description = "IEEE 802.15.4 PAN identifier (field manual: 0xcafe).")
        int pan_id() default 0xcafe;

        @AttributeDefinition(name = "Short address", min = "0", max = "65534",
                description = "16-bit short address of the gateway (field manual: 0x0001); 65534 (0xfffe): none, "
                        + "frames carry the extended address.")
        int short_address() default 0x0001;

        @AttributeDefinition(name = "Extended address",
                description = "EUI-64 of the gateway radio as 16 hex digits.")
        String extended_address() default "02004d6d00000001";

        @AttributeDefinition(name = "Channel", min = "0", max = "128",
                description = "Channel of the channel plan (field manual: 17 = 0x11).")
        int channel() default 17;

        @AttributeDefinition(name = "TX power (dBm)", min = "-20", max = "30",
                description = "TX_POWER_DBM: raise it where packet loss exceeds 15 % (field manual).")
        int tx_power_dbm() default 14;

        @AttributeDefinition(name = "Serial port", description = "Port of the radio co-processor (serial backend).")
        String serial_port() default "/dev/ttyACM0";

        @AttributeDefinition(name = "Serial baud rate", min = "1200", max = "4000000",
                description = "Baud rate of the radio co-processor (serial backend).")
        int serial_baud() default 115_200;

        @AttributeDefinition(name = "ZEP port", min = "0", max = "65535",
                description = "UDP port to receive ZEP on (zep backend); 17754 is ZEP's registered port.")
        int zep_port() default 17754;

        @AttributeDefinition(name = "ZEP peers", required = false, cardinality = 32,
                description = "host:port of every ZEP peer to send to (zep backend).")
        String[] zep_peers() default {};

        @AttributeDefinition(name = "Simulation seed", description = "Seed of the simulated medium's randomness.")
        long sim_seed() default 1;

        @AttributeDefinition(name = "Capture file", required = false,
                description = "If set, every frame sent or heard is written to this pcap file (LINKTYPE 283) for "
                        + "Wireshark. Empty: no capture.")
        String capture_file() default "";
    }

    private final MacRadioDriver driver;
    private final PcapCapture capture;

    @Activate
    public RadioComponent(Config config, @Reference Scheduler loop) throws IOException {
        RadioSettings settings = new RadioSettings(config.pan_id(), config.short_address(),
                parseEui64(config.extended_address()), config.channel(), config.tx_power_dbm());
        ChannelPlan plan = ChannelPlan.named(config.channel_plan());
        plan.requireChannel(config.channel());
        FcsType fcsType = plan.fcsLength() == 4 ? FcsType.CRC32 : FcsType.CRC16;
        this.capture = config.capture_file().isBlank() ? null
                : new PcapCapture(Path.of(config.capture_file()), loop, plan, fcsType);
        Backend backend = Backend.create(config, plan, loop);
        this.driver = new MacRadioDriver(loop, backend.phy(), plan, new MacFrameCodec(fcsType, plan.maxPsdu()),
                settings, capture == null ? FrameTap.NONE : capture, backend::prefixedCounters);
    }

    @Deactivate
    void deactivate() {
        driver.close(() -> {
            if (capture != null) {
                capture.close();
            }
        });
    }

    static long parseEui64(String hex) {
        String digits = hex.replace(":", "").replace("-", "");
        if (digits.length() != 16) {
            throw new IllegalArgumentException("extended.address '" + hex + "' is not 16 hex digits");
        }
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("extended.address '" + hex + "' is not 16 hex digits");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RadioListener listener) {
        driver.addListener(listener);
    }

    void removeListener(RadioListener listener) {
        driver.removeListener(listener);
    }

    @Override
    public RadioSettings settings() {
        return driver.settings();
    }

    @Override
    public void apply(RadioSettings newSettings) {
        driver.apply(newSettings);
    }

    @Override
    public LinkState linkState() {
        return driver.linkState();
    }

    @Override
    public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
        return driver.send(destination, payload, ackRequest);
    }

    @Override
    public int maxPayload(MacAddress destination) {
        return driver.maxPayload(destination);
    }

    @Override
    public RadioStatistics statistics() {
        return driver.statistics();
    }
}
