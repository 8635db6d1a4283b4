package org.metermesh.sim.meter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.UdpDatagram;
import org.metermesh.sim.MeterProfile;
import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapConfig;
import org.metermesh.telemetry.coap.CoapEndpoint;
import org.metermesh.telemetry.coap.CoapEndpointListener;
import org.metermesh.telemetry.coap.CoapExchange;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.MessageClass;
import org.metermesh.telemetry.meter.MeterAgent;
import org.metermesh.telemetry.meter.MeterMessage;
import org.metermesh.telemetry.meter.MeterProtocol;
import org.metermesh.telemetry.meter.Register;
import org.metermesh.telemetry.meter.Unit;
import org.metermesh.telemetry.meter.WarningType;

/**
 * The application of one simulated meter: its COSEM server ({@link MeterAgent}) with energy, power, voltage and
 * current registers fed by a {@link HouseholdLoad} and a {@link SupplyVoltage}, pushing interval readings, billing
 * snapshots and warnings to the gateway and answering its requests over CoAP on UDP 61616
 * ({@link MeterProtocol}). Sans-I/O: packets go out through a consumer (the meter's RPL forwarder), come in
 * through {@link #received(Ipv6Packet)}, and time is the scheduler's.
 *
 * <p>Like a real meter's load profile, what it has to report waits in a bounded queue until the gateway confirmed
 * it (2.04 Changed, sent once the message is in the gateway's durable store): one message at a time, nothing while
 * the meter has no route (not joined yet), and after a failure (no answer, 5.03) again a while later. When the
 * queue is full the oldest usage reading gives way; warnings and bills are never dropped for readings.
 *
 * <p>Power: {@link #powerLost()} sends the Last Gasp and goes dark once the hold-up time is over (the simulation
 * then silences the radio through the callback).
 *
 * <p>Counters: {@code pushed:<class>}, {@code delivered:<class>}, {@code refused}, {@code failed},
 * {@code dropped:usage}, {@code requests}.
 */
public final class SimulatedMeter {

    private static final int HOP_LIMIT = 64;
    /** A day of 15-minute readings, as a meter's load profile buffer holds at least. */
    static final int QUEUE_CAPACITY = 96;
    /** The longest wait before trying again after a failure or while detached. */
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** Nominal supply voltage of the simulated grid (EN 50160 low voltage). */
    private static final double NOMINAL_VOLTS = 230;

    private final Scheduler scheduler;
    private final MeterProfile profile;
    private final SplittableRandom random;
    private final Ipv6Address self;
    private final Ipv6Address gateway;
    /** The node the meter's radio is on now; a new one after each power restoration (the radio rebooted). */
    private Consumer<Ipv6Packet> network;
    private Runnable dark;
    private BooleanSupplier online;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private Queued inFlight;
    private Cancellable retryTask;
    private final MeterAgent agent;
    private final Counters coapCounters = new Counters();
    private Duration readingInterval;
    private CoapEndpoint<Ipv6Address> coap;
    private final HouseholdLoad load;
    private final SupplyVoltage supply;
    private final Counters counters = new Counters();

    private double energyWh;
    private long lastSampleNanos;
    private boolean powered = true;
    /** The supply failed: the meter runs on its capacitor until it goes dark. */
    private boolean supplyLost;
    private boolean overVoltage;
    private boolean underVoltage;
    private Cancellable readingTask;
    private Cancellable billingTask;
    private Cancellable eventTask;

    /**
     * @param serial  the device ID its COSEM server reports
     * @param self    the meter's global address, the source of what it sends
     * @param gateway the gateway's global address (the DODAG root)
     * @param network sends one packet up the mesh
     * @param online  whether the meter has a route to the gateway now (its RPL core has joined)
     * @param dark    called when the hold-up energy is spent after a power loss: the radio goes silent
     */
    public SimulatedMeter(Scheduler scheduler, MeterProfile profile, SplittableRandom random, String serial,
            Ipv6Address self, Ipv6Address gateway, Consumer<Ipv6Packet> network, BooleanSupplier online,
            Runnable dark) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.self = Objects.requireNonNull(self, "self");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.network = Objects.requireNonNull(network, "network");
        this.online = Objects.requireNonNull(online, "online");
        this.dark = Objects.requireNonNull(dark, "dark");
        this.agent = new MeterAgent(scheduler, serial);
        this.readingInterval = profile.readingInterval();
        this.coap = newEndpoint();
        this.load = new HouseholdLoad(random);
        this.supply = new SupplyVoltage(NOMINAL_VOLTS, random);
        this.energyWh = 1_000_000 + random.nextInt(40_000_000);   // 1,000 to 41,000 kWh on the register already
        this.lastSampleNanos = scheduler.nanoTime();
        sample();
    }

    private CoapEndpoint<Ipv6Address> newEndpoint() {
        return new CoapEndpoint<>(scheduler, this::sendDatagram, CoapConfig.DEFAULTS, coapCounters, this::serve,
                new CoapEndpointListener<>() { });
    }

    /**
     * Reads every {@code interval} instead of the profile's (the utility's metering period: 15 min, 30 min, 1 h);
     * call before {@link #start()}.
     */
    public void readingInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("reading interval must be positive, not " + interval);
        }
        this.readingInterval = interval;
    }

    /** Starts reporting: the first reading at a random phase of the interval, so meters do not report together. */
    public void start() {
        readingTask = scheduler.schedule(randomFraction(readingInterval), this::reading);
        billingTask = scheduler.schedule(randomFraction(profile.billingPeriod()), this::billing);
        scheduleRandomEvent();
    }

    public MeterAgent agent() {
        return agent;
    }

    public Counters counters() {
        return counters;
    }

    /** CoAP's own counters (retransmissions, timeouts, duplicates...). */
    public Counters coapCounters() {
        return coapCounters;
    }

    public boolean powered() {
        return powered;
    }

    /** A packet for this meter: CoAP on UDP 61616 is ours, anything else is not. */
    public void received(Ipv6Packet packet) {
        if (!powered || packet.upperLayerProtocol() != UdpDatagram.PROTOCOL) {
            return;
        }
        try {
            UdpDatagram udp = packet.udp();
            if (udp.destinationPort() == MeterProtocol.PORT) {
                coap.receive(packet.source(), udp.data());
            }
        } catch (Ipv6FormatException e) {
            counters.increment("dropped:bad-udp");
        }
    }

    /** The supply failed: the Last Gasp goes out now, and the meter goes dark when its hold-up energy is spent. */
    public void powerLost() {
        if (!powered || supplyLost) {
            return;
        }
        supplyLost = true;
        // The Last Gasp goes now: not after a pending retry, nor behind an exchange in flight (NSTART 1), which is
        // abandoned; its message stays queued for after the outage.
        CoapEndpoint<Ipv6Address> abandoned = coap;
        coap = newEndpoint();
        abandoned.close();
        cancelTimers();
        // A street loses power at one instant: each meter waits a random part of the first half of its hold-up
        // time, so that their Last Gasps do not all meet on the channel at once.
        MeterMessage.Warning lastGasp = agent.warning(WarningType.LAST_GASP, Optional.of(ObisCode.VOLTAGE_L1));
        scheduler.schedule(randomFraction(MeterProfile.LAST_GASP_HOLD_UP.dividedBy(2)), () -> push(lastGasp));
        scheduler.schedule(MeterProfile.LAST_GASP_HOLD_UP, () -> {
            powered = false;
            coap.close();
            dark.run();
        });
    }

    /**
     * The supply is back and the meter's radio has rebooted on a new node: the meter reports Power Restored and
     * carries on, its registers, notification counter and unsent messages kept (non-volatile memory, as a real
     * meter's load profile).
     *
     * @throws IllegalStateException if the meter has not gone dark
     */
    public void powerRestored(Consumer<Ipv6Packet> network, BooleanSupplier online, Runnable dark) {
        if (powered) {
            throw new IllegalStateException("meter " + self + " has power");
        }
        this.network = Objects.requireNonNull(network, "network");
        this.online = Objects.requireNonNull(online, "online");
        this.dark = Objects.requireNonNull(dark, "dark");
        this.coap = newEndpoint();
        this.inFlight = null;
        this.powered = true;
        this.supplyLost = false;
        lastSampleNanos = scheduler.nanoTime(); // no energy used while the supply was off
        start();
        push(agent.warning(WarningType.POWER_RESTORED, Optional.of(ObisCode.VOLTAGE_L1)));
    }

    /** Stops reporting and answering: the meter is taken out of the simulation. */
    public void stop() {
        cancelTimers();
        powered = false;
        coap.close();
    }

    /** Messages waiting for the gateway's confirmation, the one in flight included. */
    public int queued() {
        return queue.size();
    }

    /** Forces a voltage excursion of {@code fraction} of nominal (e.g. 0.15) for the profile's excursion time. */
    public void voltageExcursion(double fraction) {
        supply.excursion(fraction);
        sample();
        scheduler.schedule(profile.voltageExcursion(), () -> {
            supply.excursion(0);
            sample();
        });
    }

    /** Raises a warning now, as the meter's sensors would. */
    public void warn(WarningType type) {
        push(agent.warning(type, Optional.empty()));
    }

    // ---- periodic work ----

    private void reading() {
        readingTask = scheduler.schedule(readingInterval, this::reading);
        sample();
        push(agent.usageReading(readingInterval));
    }

    private void billing() {
        billingTask = scheduler.schedule(profile.billingPeriod(), this::billing);
        sample();
        push(agent.billingSnapshot());
    }

    /** Random warnings as a Poisson process: exponential gaps at the profile's rate. */
    private void scheduleRandomEvent() {
        if (profile.warningsPerMeterHour() <= 0) {
            return;
        }
        double hours = -Math.log(1 - random.nextDouble()) / profile.warningsPerMeterHour();
        eventTask = scheduler.schedule(Duration.ofMillis((long) (hours * 3_600_000)), () -> {
            randomEvent();
            scheduleRandomEvent();
        });
    }

    private void randomEvent() {
        int pick = random.nextInt(10);
        if (pick < 2) {
            voltageExcursion(0.15);
        } else if (pick < 4) {
            voltageExcursion(-0.15);
        } else {
            List<WarningType> tamper = List.of(WarningType.TAMPER_COVER, WarningType.TAMPER_MAGNETIC,
                    WarningType.TAMPER_TILT);
            warn(tamper.get(random.nextInt(tamper.size())));
        }
    }

    /** Integrates energy since the last sample and refreshes the instantaneous registers; warns on voltage edges. */
    private void sample() {
        long now = scheduler.nanoTime();
        double watts = load.watts(scheduler.now());
        energyWh += watts * (now - lastSampleNanos) / 3.6e12;
        lastSampleNanos = now;
        double volts = supply.volts();
        agent.putRegister(new Register(ObisCode.ACTIVE_ENERGY_IMPORT, (long) energyWh, 0, Unit.WATT_HOUR));
        agent.putRegister(new Register(ObisCode.ACTIVE_POWER_IMPORT, Math.round(watts), 0, Unit.WATT));
        agent.putRegister(new Register(ObisCode.VOLTAGE_L1, Math.round(volts * 10), -1, Unit.VOLT));
        agent.putRegister(new Register(ObisCode.CURRENT_L1, Math.round(watts / volts * 100), -2, Unit.AMPERE));
        boolean over = supply.over(volts);
        boolean under = supply.under(volts);
        if (over && !overVoltage) {
            warn(WarningType.OVER_VOLTAGE, ObisCode.VOLTAGE_L1);
        }
        if (under && !underVoltage) {
            warn(WarningType.UNDER_VOLTAGE, ObisCode.VOLTAGE_L1);
        }
        overVoltage = over;
        underVoltage = under;
    }

    private void warn(WarningType type, ObisCode measured) {
        push(agent.warning(type, Optional.of(measured)));
    }

    // ---- CoAP ----

    private void push(MeterMessage.Pushed message) {
        if (!powered) {
            return;
        }
        counters.increment("pushed:" + className(message));
        // Numbered once: a retry repeats the same notification, which the gateway recognises.
        Queued queued = new Queued(message, agent.push(message));
        if (message.messageClass() == MessageClass.WARNING) {
            queue.addFirst(queued); // warnings jump the queue (seed 003: asynchronous events, notified at once)
        } else {
            queue.addLast(queued);
        }
        if (queue.size() > QUEUE_CAPACITY) {
            dropOldestUsage();
        }
        sendNext();
    }

    /** The queue runs oldest first (warnings ahead); the message in flight stays. */
    private void dropOldestUsage() {
        for (var it = queue.iterator(); it.hasNext();) {
            Queued m = it.next();
            if (m.message.messageClass() == MessageClass.USAGE && m != inFlight) {
                it.remove();
                counters.increment("dropped:usage");
                return;
            }
        }
    }

    /** Sends the head of the queue unless one is in flight, the meter is detached or a retry is pending. */
    private void sendNext() {
        if (inFlight != null || queue.isEmpty() || !powered || retryTask != null) {
            return;
        }
        if (!online.getAsBoolean()) {
            retryLater();
            return;
        }
        Queued message = queue.peekFirst();
        inFlight = message;
        CoapMessage request = CoapMessage.request(MeterProtocol.typeFor(message.message.messageClass()),
                CoapCode.POST, MeterProtocol.NOTIFY_PATH, message.octets);
        coap.request(gateway, request).whenComplete((response, failure) -> {
            inFlight = null;
            if (failure == null && response.code().codeClass() == 2) {
                queue.removeFirstOccurrence(message);
                counters.increment("delivered:" + className(message.message));
                sendNext();
                return;
            }
            counters.increment(failure != null ? "failed" : "refused");
            retryLater();
        });
    }

    private void retryLater() {
        Duration wait = readingInterval.compareTo(MAX_RETRY) < 0 ? readingInterval : MAX_RETRY;
        retryTask = scheduler.schedule(randomFraction(wait).plus(wait.dividedBy(2)), () -> {
            retryTask = null;
            sendNext();
        });
    }

    /** A message waiting for the gateway, with its data-notification octets (numbered when it was raised). */
    private record Queued(MeterMessage.Pushed message, byte[] octets) {
    }

    private static String className(MeterMessage.Pushed message) {
        return message.messageClass().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The gateway's COSEM requests: {@code POST /c}. */
    private void serve(CoapExchange<Ipv6Address> exchange) {
        CoapMessage request = exchange.request();
        if (!MeterProtocol.isPost(request, MeterProtocol.COSEM_PATH)) {
            exchange.respond(CoapCode.NOT_FOUND, new byte[0]);
            return;
        }
        counters.increment("requests");
        exchange.respond(CoapCode.CONTENT, agent.handle(request.payload()).octets());
    }

    private void sendDatagram(Ipv6Address peer, byte[] datagram) {
        network.accept(Ipv6Packet.builder().source(self).destination(peer).hopLimit(HOP_LIMIT)
                .udp(MeterProtocol.PORT, MeterProtocol.PORT, datagram).build());
    }

    private Duration randomFraction(Duration period) {
        return Duration.ofNanos((long) (random.nextDouble() * period.toNanos()));
    }

    private void cancelTimers() {
        for (Cancellable task : new Cancellable[] {readingTask, billingTask, eventTask, retryTask}) {
            if (task != null) {
                task.cancel();
            }
        }
        retryTask = null;
    }
}
