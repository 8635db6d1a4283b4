package org.metermesh.sim.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioListener;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.api.radio.RadioStatistics;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.api.status.StatusContributor;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.sim.LiveNeighbourhood;
import org.metermesh.sim.MeterProfile;
import org.metermesh.sim.Neighbourhood;
import org.metermesh.sim.Outage;
import org.metermesh.sim.ScriptedWarning;
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
 * A simulated neighbourhood of meters around the running gateway, in real time on the gateway's event loop. It
 * offers the gateway's radio on the simulated medium as the {@link RadioDriver} service, ranked above the radio
 * bundle's driver ({@value #RANKING}): the gateway's own 6LoWPAN, RPL and telemetry bundles, whose references to the
 * driver are dynamic and greedy, run on it unchanged. The standalone launcher leaves the radio bundle unconfigured
 * while meters are simulated, so only this driver is registered; the ranking decides where both are (on a console
 * that configured both).
 */
@Component(name = NeighbourhoodComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {RadioDriver.class, StatusContributor.class, NeighbourhoodComponent.class},
        property = {"service.ranking:Integer=" + NeighbourhoodComponent.RANKING, "osgi.command.scope=sim",
            "osgi.command.function=outage"})
@Designate(ocd = NeighbourhoodComponent.Config.class)
public final class NeighbourhoodComponent implements RadioDriver, StatusContributor {

    public static final String PID = "org.metermesh.sim";
    /** Above the radio bundle's driver (ranking 0). */
    static final int RANKING = 100;

    private static final Logger LOG = System.getLogger(NeighbourhoodComponent.class.getName());
    /** Building a few thousand meters takes well under a second; the bound only guards a stuck loop. */
    private static final Duration LOOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(1);

    @ObjectClassDefinition(id = PID, name = "MeterMesh simulated neighbourhood",
            description = "Simulated meters around the gateway in real time, on a simulated radio medium that "
                    + "replaces the radio bundle's driver. For demonstrations and tests; never on a field gateway.")
    public @interface Config {
        @AttributeDefinition(name = "Meters", min = "0", max = "10000",
                description = "How many meters stand around the gateway.")
        int meters() default 200;

        @AttributeDefinition(name = "Layout", description = "streets: houses along a street grid around the "
                + "gateway; random: meters scattered uniformly.",
                options = {@Option(value = "streets", label = "Street grid"),
                    @Option(value = "random", label = "Scattered")})
        String layout() default "streets";

        @AttributeDefinition(name = "Density", min = "1", max = "100000",
                description = "Meters per square kilometre (streets: at most 1000, every lot taken).")
        double density() default 1000;

        @AttributeDefinition(name = "Seed", description = "Seed of the placement and of the medium's randomness.")
        long seed() default 1;

        @AttributeDefinition(name = "Profile", description = "Meter timings. demo: join jitter 5 s, DAO delay "
                + "1.5 s; field: the real defaults (join jitter 60 s, DAO delay 15 s).",
                options = {@Option(value = "demo", label = "Demo (fast)"), @Option(value = "field", label = "Field")})
        String profile() default "field";

        @AttributeDefinition(name = "Channel plan", description = "Of the gateway and every meter. 150 kb/s, as "
                + "the simulator uses: at 50 kb/s a dense neighbourhood saturates its one channel while forming.",
                options = {@Option(value = "sun-fsk-na-50", label = "SUN FSK 902-928 MHz, 50 kb/s"),
                    @Option(value = "sun-fsk-na-100", label = "SUN FSK 902-928 MHz, 100 kb/s"),
                    @Option(value = "sun-fsk-na-150", label = "SUN FSK 902-928 MHz, 150 kb/s"),
                    @Option(value = "sun-fsk-na-200", label = "SUN FSK 902-928 MHz, 200 kb/s"),
                    @Option(value = "sun-fsk-na-300", label = "SUN FSK 902-928 MHz, 300 kb/s"),
                    @Option(value = "oqpsk-2450", label = "2.4 GHz O-QPSK, 250 kb/s")})
        String channel_plan() default "sun-fsk-na-150";

        @AttributeDefinition(name = "Channel", min = "0", max = "128", description = "Field manual: 17 = 0x11.")
        int channel() default 17;

        @AttributeDefinition(name = "PAN ID", min = "0", max = "65534", description = "Field manual: 0xcafe.")
        int pan_id() default 0xcafe;

        @AttributeDefinition(name = "Mesh prefix", description = "Must be the 6LoWPAN section's mesh.prefix: "
                + "the meters' header compression context 0.")
        String mesh_prefix() default "fd00:cafe::/64";

        @AttributeDefinition(name = "Outages", required = false, cardinality = 100,
                description = "Scripted power cuts of whole streets, STREET@START+LENGTH (e.g. 2@5m+1m): every "
                        + "meter on the street sends its Last Gasp, goes dark, and reports Power Restored when the "
                        + "supply returns. Streets run east-west every 100 m, street 0 through the gateway.")
        String[] outages() default {};

        @AttributeDefinition(name = "Scripted warnings", required = false, cardinality = 100,
                description = "Warnings raised by a meter at a given time, METER:TYPE@START (e.g. "
                        + "17:tamper_cover@2m); types over_voltage, under_voltage, tamper_cover, tamper_magnetic, "
                        + "tamper_tilt. Random warnings come as well, at the profile's rate.")
        String[] warnings() default {};

        @AttributeDefinition(name = "Reading interval (s)", min = "0", max = "86400",
                description = "Interval energy readings of every meter; 0: the profile's (demo 60 s, field 15 min).")
        int reading_interval_s() default 0;
    }

    private final Scheduler loop;
    private final LiveNeighbourhood neighbourhood;

    @Activate
    public NeighbourhoodComponent(Config config, @Reference Scheduler loop) {
        this.loop = loop;
        LiveNeighbourhood.Settings settings = new LiveNeighbourhood.Settings(config.meters(), layout(config.layout()),
                config.density(), config.seed(), MeterProfile.named(config.profile()),
                ChannelPlan.named(config.channel_plan()), config.channel(), config.pan_id(), 14,
                Ipv6Prefix.parse(config.mesh_prefix()), config.reading_interval_s() == 0 ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(config.reading_interval_s())));
        LiveNeighbourhood.warmUp();
        this.neighbourhood = loop.call("building the neighbourhood", LOOP_TIMEOUT,
                () -> LiveNeighbourhood.start(loop, settings));
        LOG.log(Level.INFO, "simulated neighbourhood: " + settings.meters() + " meters (" + config.layout() + ", "
                + config.profile() + " profile, seed " + config.seed() + ")");
        for (String text : config.outages() == null ? new String[0] : config.outages()) {
            if (!text.isBlank()) {
                Outage outage = Outage.parse(text);
                loop.schedule(outage.at(), () -> cut(outage.street(), outage.length()));
            }
        }
        for (String text : config.warnings() == null ? new String[0] : config.warnings()) {
            if (!text.isBlank()) {
                ScriptedWarning warning = ScriptedWarning.parse(text);
                loop.schedule(warning.at(), () -> raise(warning));
            }
        }
    }

    /** {@code sim:outage STREET SECONDS}: cuts the power of a street now, as the {@code outages} script does. */
    public String outage(int street, int seconds) {
        int meters = loop.call("cutting the power", LOOP_TIMEOUT, () -> cut(street, Duration.ofSeconds(seconds)));
        return meters + " meters on street " + street + " lost power for " + seconds + " s";
    }

    private void raise(ScriptedWarning warning) {
        try {
            neighbourhood.warn(warning.meter(), warning.type());
            LOG.log(Level.INFO, "meter " + warning.meter() + " raises " + warning.type());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "scripted warning " + warning + " not raised: " + e.getMessage());
        }
    }

    private int cut(int street, Duration length) {
        int meters = neighbourhood.outage(street, length);
        LOG.log(Level.INFO, "power cut on street " + street + ": " + meters + " meters send their Last Gasp; "
                + "the supply returns in " + length.toSeconds() + " s");
        return meters;
    }

    private static Neighbourhood.Layout layout(String name) {
        try {
            return Neighbourhood.Layout.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown layout '" + name + "'; known: streets, random");
        }
    }

    @Deactivate
    void deactivate() {
        loop.call("stopping the meters", LOOP_TIMEOUT, () -> {
            neighbourhood.stopMeters();
            return null;
        });
        neighbourhood.gatewayRadio().close(() -> { });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RadioListener listener) {
        neighbourhood.gatewayRadio().addListener(listener);
    }

    void removeListener(RadioListener listener) {
        neighbourhood.gatewayRadio().removeListener(listener);
    }

    // ---- StatusContributor ----

    @Override
    public Map<String, Long> status() {
        long attached = loop.call("counting attached meters", STATUS_TIMEOUT,
                () -> (long) neighbourhood.attachedMeters());
        return Map.of(METERS_TOTAL, (long) neighbourhood.meterCount(), METERS_ATTACHED, attached);
    }

    // ---- RadioDriver: the gateway's radio on the medium ----

    @Override
    public RadioSettings settings() {
        return neighbourhood.gatewayRadio().settings();
    }

    @Override
    public void apply(RadioSettings settings) {
        neighbourhood.gatewayRadio().apply(settings);
    }

    @Override
    public LinkState linkState() {
        return neighbourhood.gatewayRadio().linkState();
    }

    @Override
    public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
        return neighbourhood.gatewayRadio().send(destination, payload, ackRequest);
    }

    @Override
    public int maxPayload(MacAddress destination) {
        return neighbourhood.gatewayRadio().maxPayload(destination);
    }

    @Override
    public RadioStatistics statistics() {
        return neighbourhood.gatewayRadio().statistics();
    }
}
