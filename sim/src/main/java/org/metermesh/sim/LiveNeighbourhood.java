package org.metermesh.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.mac.MacRadioDriver;
import org.metermesh.radio.medium.MediumCounters;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.medium.SimulatedPhy;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.rpl.dodag.RplEventListener;
import org.metermesh.rpl.dodag.RplNode;
import org.metermesh.rpl.forwarding.RoutingCores;
import org.metermesh.sim.meter.SimulatedMeter;
import org.metermesh.telemetry.meter.WarningType;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;

/**
 * A neighbourhood of simulated meters around a real gateway stack, in the time of whatever {@link Scheduler} drives
 * it (the gateway's event loop: real time). The meters are the simulator's nodes (MAC, 6LoWPAN, RPL forwarding and
 * an {@link RplNode} each); the gateway is only its radio on the medium, offered as a {@link MacRadioDriver} for the
 * gateway's own 6LoWPAN and RPL bundles to run on. Everything, construction included, happens on the scheduler's
 * thread: build and stop it from a task on that loop.
 */
public final class LiveNeighbourhood {

    /**
     * @param plan       channel plan of the gateway and every meter
     * @param meshPrefix the gateway's mesh prefix: the meters' compression context 0, as the gateway advertises it
     */
    public record Settings(int meters, Neighbourhood.Layout layout, double density, long seed, MeterProfile profile,
            ChannelPlan plan, int channel, int panId, int txPowerDbm, Ipv6Prefix meshPrefix,
            Optional<Duration> readingInterval) {

        public Settings {
            if (meters < 0) {
                throw new IllegalArgumentException("meters " + meters + " is negative");
            }
            plan.requireChannel(channel);
        }
    }

    /** Meters built per loop task: a few milliseconds each, so the gateway's own timers are never held up long. */
    static final int METERS_PER_TASK = 25;
    /** Long enough for the warm-up meters to join and register: every class of the meters' path gets loaded. */
    private static final Duration WARM_UP = Duration.ofMinutes(3);

    private final Scheduler loop;
    private final Settings settings;
    private final SimulatedMedium medium;
    private final MacFrameCodec codec;
    private final IphcCodec iphc;
    private final Counters rplCounters = new Counters();
    private final List<Position> positions;
    private final MacRadioDriver gatewayRadio;
    private final List<SimulatedNode> meters = new ArrayList<>();
    private final List<RplNode> cores = new ArrayList<>();
    private final List<SimulatedMeter> apps = new ArrayList<>();
    /** The gateway's address on the mesh prefix: where the meters' applications send. */
    private final Ipv6Address gatewayAddress;

    /** The medium and the gateway's radio; meters come in {@link #addMeters} steps. Call on the loop. */
    private LiveNeighbourhood(Scheduler loop, Settings settings) {
        this.loop = loop;
        this.settings = settings;
        this.medium = new SimulatedMedium(loop, settings.plan(), ScenarioOptions.meterMedium(settings.seed(), 0));
        FcsType fcs = settings.plan().fcsLength() == 4 ? FcsType.CRC32 : FcsType.CRC16;
        this.codec = new MacFrameCodec(fcs, settings.plan().maxPsdu());
        this.iphc = new IphcCodec(new ContextTable().set(0, settings.meshPrefix()));
        SimulatedPhy gatewayPhy = medium.attach(new Position(0, 0), settings.channel(), settings.txPowerDbm());
        RadioSettings radio = new RadioSettings(settings.panId(), RadioSettings.NO_SHORT_ADDRESS,
                SimulatedNodes.eui64(0).value(), settings.channel(), settings.txPowerDbm());
        this.gatewayRadio = new MacRadioDriver(loop, gatewayPhy, settings.plan(), codec, radio, FrameTap.NONE,
                this::mediumCounters);
        this.positions = Neighbourhood.place(settings.layout(), settings.meters(), settings.density(),
                settings.seed());
        this.gatewayAddress = settings.meshPrefix().addressOf(SimulatedNodes.eui64(0));
    }

    /**
     * Builds the medium and the gateway's radio at once (call on the loop), then the meters {@value #METERS_PER_TASK}
     * at a time in later loop tasks, each meter starting (its join jitter running) as soon as it is built.
     */
    public static LiveNeighbourhood start(Scheduler loop, Settings settings) {
        LiveNeighbourhood neighbourhood = new LiveNeighbourhood(loop, settings);
        loop.execute(neighbourhood::addMeters);
        return neighbourhood;
    }

    /**
     * Runs a small neighbourhood in virtual time on the calling thread until its meters have joined and registered,
     * so that the classes of every core are loaded and initialised before the live neighbourhood runs on the
     * gateway's loop: class loading inside a loop task holds up every timer of the gateway for a good fraction of
     * a second.
     */
    public static void warmUp() {
        Simulation simulation = new Simulation(new ScenarioOptions(3, 1, WARM_UP, Neighbourhood.Layout.STREETS, 1000,
                0, null, null, List.of(), List.of(), org.metermesh.rpl.message.RplMessage.Dio.MOP_NON_STORING, false));
        simulation.start();
        simulation.advance(WARM_UP, ProgressBar.SILENT);
        simulation.close();
    }

    private void addMeters() {
        int end = Math.min(meters.size() + METERS_PER_TASK, positions.size());
        for (int i = meters.size(); i < end; i++) {
            meters.add(null);
            cores.add(null);
            bootNode(i);
            SimulatedNode node = meters.get(i);
            RplNode core = cores.get(i);
            int id = i + 1;
            int index = i;
            SimulatedMeter app = new SimulatedMeter(loop, settings.profile(), new SplittableRandom(
                    settings.seed() * 1_000_003L + id), String.format("MM%08d", id), node.globalAddress(),
                    gatewayAddress, node.forwarding()::send, core::joined, () -> goDark(index));
            node.application(app::received);
            settings.readingInterval().ifPresent(app::readingInterval);
            apps.add(app);
            app.start();
        }
        if (meters.size() < positions.size()) {
            loop.execute(this::addMeters);
        }
    }

    /** Meter {@code i}'s radio and RPL core, started, at its position: at first, and after each power cut. */
    private void bootNode(int i) {
        int id = i + 1;
        SimulatedNode node = new SimulatedNode(id, loop,
                medium.attach(positions.get(i), settings.channel(), settings.txPowerDbm()), settings.plan(),
                codec, iphc, settings.meshPrefix(), settings.panId(), FrameTap.NONE, SimulatedNode.LayerCounters.own(),
                forwarder -> {
                    RplNode core = new RplNode(loop, settings.profile().nodeConfig(SimulatedNodes.eui64(id)),
                            forwarder, RplEventListener.NONE, rplCounters);
                    cores.set(i, core);
                    return RoutingCores.of(core);
                });
        meters.set(i, node);
        cores.get(i).start();
    }

    /** The meter's capacitor is empty: its radio falls silent and its RPL state is gone. */
    private void goDark(int i) {
        cores.get(i).stop();
        meters.get(i).phy().close();
    }

    /**
     * Cuts the supply of every meter on {@code street} ({@link Neighbourhood#street}) for {@code length}: each sends
     * its Last Gasp, goes dark, and when the supply returns reboots, rejoins and reports Power Restored. A street
     * of meters doing so at once is a Last Gasp storm. Call on the loop.
     *
     * @return the meters affected
     * @throws IllegalArgumentException if {@code length} is not longer than the meters' hold-up time
     */
    public int outage(int street, Duration length) {
        if (length.compareTo(MeterProfile.LAST_GASP_HOLD_UP) <= 0) {
            throw new IllegalArgumentException("an outage must last longer than the meters' hold-up time of "
                    + MeterProfile.LAST_GASP_HOLD_UP.toSeconds() + " s, not " + length);
        }
        int affected = 0;
        for (int i = 0; i < apps.size(); i++) {
            if (Neighbourhood.street(positions.get(i)) == street && apps.get(i).powered()) {
                int index = i;
                apps.get(i).powerLost();
                loop.schedule(length, () -> restore(index));
                affected++;
            }
        }
        return affected;
    }

    /**
     * Meter {@code number} (1-based) raises {@code type} now, as its sensors would: a voltage warning by a supply
     * excursion of 15 % (the meter sees it and warns), the others directly. Call on the loop.
     *
     * @throws IllegalArgumentException if there is no such meter yet, or {@code type} is not a sensor's warning
     */
    public void warn(int number, WarningType type) {
        if (number < 1 || number > apps.size()) {
            throw new IllegalArgumentException("no meter " + number + "; meters 1 to " + apps.size());
        }
        SimulatedMeter app = apps.get(number - 1);
        switch (type) {
            case OVER_VOLTAGE -> app.voltageExcursion(0.15);
            case UNDER_VOLTAGE -> app.voltageExcursion(-0.15);
            case TAMPER_COVER, TAMPER_MAGNETIC, TAMPER_TILT -> app.warn(type);
            default -> throw new IllegalArgumentException(type + " is not raised by a meter's sensors; power "
                    + "warnings come from outages");
        }
    }

    private void restore(int i) {
        bootNode(i);
        SimulatedNode node = meters.get(i);
        SimulatedMeter app = apps.get(i);
        node.application(app::received);
        app.powerRestored(node.forwarding()::send, cores.get(i)::joined, () -> goDark(i));
    }

    /** The gateway's radio on the medium: register it as the gateway's radio driver. */
    public MacRadioDriver gatewayRadio() {
        return gatewayRadio;
    }

    /** The meters of the neighbourhood, whether built yet or not. */
    public int meterCount() {
        return positions.size();
    }

    /** Meters with a preferred parent now. Call on the loop. */
    public int attachedMeters() {
        int attached = 0;
        for (RplNode core : cores) {
            if (core.joined()) {
                attached++;
            }
        }
        return attached;
    }

    /** Messages the meters' applications have confirmed by the gateway (2.04), by class. Call on the loop. */
    public Map<String, Long> meterMessages() {
        Map<String, Long> totals = new java.util.TreeMap<>();
        for (SimulatedMeter app : apps) {
            app.counters().snapshot().forEach((name, count) -> totals.merge(name, count, Long::sum));
        }
        return totals;
    }

    /** The application of meter {@code number} (1-based), once built. Call on the loop. */
    public SimulatedMeter meter(int number) {
        return apps.get(number - 1);
    }

    /** Stops every meter and takes it off the medium. Call on the loop; the gateway radio is closed by its owner. */
    public void stopMeters() {
        apps.forEach(SimulatedMeter::stop);
        cores.forEach(RplNode::stop);
        meters.forEach(meter -> meter.phy().close());
    }

    private Map<String, Long> mediumCounters() {
        MediumCounters c = medium.counters();
        return Map.of("medium:transmissions", c.transmissions(), "medium:delivered", c.delivered(),
                "medium:collisions", c.collisions(), "medium:packet-errors", c.packetErrors(),
                "medium:receiver-busy", c.receiverBusy());
    }
}
