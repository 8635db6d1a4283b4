package org.metermesh.radio.mac;

import org.metermesh.api.counters.Counters;
import org.metermesh.api.radio.NeighbourLink;
import org.metermesh.api.radio.TxStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.radio.frame.FrameDecodeResult;
import org.metermesh.radio.frame.FrameHead;
import org.metermesh.radio.frame.FrameType;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/**
 * The IEEE 802.15.4 MAC data service over a {@link RadioPhy}: unslotted CSMA-CA, acknowledged transmission with
 * retries, immediate acknowledgement of frames for this node, reception filtering and duplicate rejection.
 *
 * <p>With a {@link ChannelHopping} schedule ({@link #hop}) the node listens on its own hopping channel between
 * exchanges; a unicast frame goes out on the destination's channel at that moment and the MAC stays there until
 * the acknowledgement, an acknowledgement goes out on the channel its frame came in on. The broadcast interval is
 * split between the two kinds of traffic: broadcast frames wait for the next broadcast window, and unicast frames
 * wait for its end, as Wi-SUN's reference FHSS (no unicast on the broadcast channel) does. A unicast in the window
 * would go out on the one channel the whole neighbourhood then listens on, where it collides with the broadcasts
 * it was meant to stay clear of and is overheard by every neighbour. Unicast destinations must then be extended
 * addresses: the schedule is the EUI-64's (a short-addressed one completes {@code LINK_DOWN}, counted as
 * {@code no-schedule}).
 *
 * <p>Sans-I/O: it runs entirely on the {@link Scheduler}'s thread, which is also where the PHY delivers events.
 * Every malformed frame is counted under {@code dropped:<reason>} and dropped; nothing a peer sends can throw out of
 * here.
 */
public final class MacLayer implements PhyListener {

    /** Broadcast PAN identifier (IEEE 802.15.4-2015 7.2.2.3). */
    static final int BROADCAST_PAN = 0xffff;

    private final Scheduler scheduler;
    private final RadioPhy phy;
    private final MacFrameCodec codec;
    private final ChannelPlan plan;
    private final MacTiming timing;
    private final MacListener upper;
    private final FrameTap tap;
    private final Counters counters;
    // Counted for nearly every frame heard: handles, not lookups by name.
    private final Counters.Counter rxCount;
    private final Counters.Counter filteredCount;
    private final Counters.Counter unexpectedAckCount;
    private final Counters.Counter txCount;
    private final Counters.Counter ackSentCount;
    /** By {@link TxStatus#ordinal()}, each made when first counted: how requests ended. */
    private final Counters.Counter[] statusCounts = new Counters.Counter[TxStatus.values().length];
    private final NeighbourTable neighbours;
    private final LastSequenceNumbers lastSequenceFrom = new LastSequenceNumbers();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

    private MacSettings settings;
    private int channel;
    private int sequence;
    private Outgoing current;
    private Cancellable ackTimer;
    /** What the PHY is transmitting now, if anything: our data frame or an acknowledgement. */
    private PhyUse phyUse = PhyUse.IDLE;
    /** An acknowledgement is to go out when the turnaround after its frame has passed. */
    private boolean ackDue;
    /** The hopping schedule followed, or null on the fixed {@link #channel}. */
    private ChannelHopping hopping;
    /** While hopping: the channel the current exchange holds the radio on, or -1 between exchanges. */
    private int pinned = -1;
    /** While hopping: broadcasts waiting for the next broadcast window, in order; unicasts go out meanwhile. */
    private final Waiting forWindow = new Waiting(true);
    /** While hopping: unicasts waiting for the broadcast window to close, in order; broadcasts go out meanwhile. */
    private final Waiting forWindowEnd = new Waiting(false);

    private enum PhyUse { IDLE, DATA, ACK }

    public MacLayer(Scheduler scheduler, RadioPhy phy, MacFrameCodec codec, ChannelPlan plan, int channel,
            MacSettings settings, int neighbourCapacity, MacListener upper, FrameTap tap) {
        this(scheduler, phy, codec, plan, channel, settings, neighbourCapacity, upper, tap, new Counters());
    }

    /**
     * A MAC that counts into {@code counters}, which several MACs may share: a simulated neighbourhood sums its
     * meters' counts so, and one shared set stays in the cache where thousands of separate ones would not.
     */
    public MacLayer(Scheduler scheduler, RadioPhy phy, MacFrameCodec codec, ChannelPlan plan, int channel,
            MacSettings settings, int neighbourCapacity, MacListener upper, FrameTap tap, Counters counters) {
        this.counters = counters;
        this.rxCount = counters.counter("rx");
        this.filteredCount = counters.counter("filtered");
        this.unexpectedAckCount = counters.counter("ack:unexpected");
        this.txCount = counters.counter("tx");
        this.ackSentCount = counters.counter("ack-sent");
        this.scheduler = scheduler;
        this.phy = phy;
        this.codec = codec;
        this.plan = plan;
        this.timing = MacTiming.of(plan);
        this.channel = channel;
        this.settings = settings;
        this.neighbours = new NeighbourTable(neighbourCapacity);
        this.upper = upper;
        this.tap = tap;
        this.sequence = scheduler.random().nextInt(256); // macDsn starts at a random value (8.4.3.1)
    }

    public void start() {
        phy.setChannel(channel);
        phy.start(this);
    }

    public MacSettings settings() {
        return settings;
    }

    public void apply(MacSettings newSettings) {
        this.settings = newSettings;
    }

    /** Tunes to a fixed channel; this ends hopping. */
    public void setChannel(int newChannel) {
        plan.requireChannel(newChannel);
        channel = newChannel;
        hopping = null;
        pinned = -1;
        phy.setChannel(newChannel);
        forWindow.release();
        forWindowEnd.release();
    }

    /** Follows {@code schedule} from now on, listening on this node's own sequence (its EUI-64's). */
    public void hop(ChannelHopping schedule) {
        if (!schedule.plan().equals(plan)) {
            throw new IllegalArgumentException("schedule over plan " + schedule.plan().name() + ", MAC uses "
                    + plan.name());
        }
        phy.hop(schedule, settings.extended()); // first: a backend that cannot hop leaves the MAC as it was
        hopping = schedule;
        pinned = -1;
    }

    public int channel() {
        return channel;
    }

    /** The counts of this MAC, and of any other that shares its {@link Counters}. */
    public Counters counters() {
        return counters;
    }

    public List<NeighbourLink> neighbours() {
        return neighbours.snapshot();
    }

    /** The largest MAC payload a data frame to {@code destination} can carry on this PHY. */
    public int maxPayload(MacAddress destination) {
        return maxPayload(codec, settings, destination);
    }

    /** The same from the settings alone: safe on any thread. */
    public static int maxPayload(MacFrameCodec codec, MacSettings settings, MacAddress destination) {
        return codec.maxPsduLength() - codec.psduLength(dataFrame(settings, 0, destination, new byte[0], false));
    }

    private MacFrame dataFrame(MacAddress destination, byte[] payload, boolean ackRequest) {
        return dataFrame(settings, sequence, destination, payload, ackRequest);
    }

    private static MacFrame dataFrame(MacSettings settings, int sequence, MacAddress destination, byte[] payload,
            boolean ackRequest) {
        return MacFrame.builder(FrameType.DATA, settings.frameVersion())
                .sequenceNumber(sequence)
                .ackRequest(ackRequest)
                .intraPan(settings.panId(), destination, settings.sourceAddress())
                .payload(payload)
                .build();
    }

    /**
     * Sends {@code payload} in a data frame to {@code destination} in this PAN. Unicast frames ask for an
     * acknowledgement when {@code ackRequest} is set; broadcast frames never do.
     */
    public CompletionStage<TxStatus> sendData(MacAddress destination, byte[] payload, boolean ackRequest) {
        CompletableFuture<TxStatus> result = new CompletableFuture<>();
        MacFrame frame = dataFrame(destination, payload, ackRequest && !isBroadcast(destination));
        nextSequence();
        if (codec.psduLength(frame) > codec.maxPsduLength()) {
            finish(result, TxStatus.FRAME_TOO_LONG, destination);
            return result;
        }
        if (phy.linkState() == LinkState.DOWN) {
            finish(result, TxStatus.LINK_DOWN, destination);
            return result;
        }
        queue.add(new Outgoing(codec.encode(frame), frame.sequenceNumber().getAsInt(), frame.ackRequest(),
                destination, result));
        if (current == null) {
            startNext();
        }
        return result;
    }

    private int nextSequence() {
        int value = sequence;
        sequence = (sequence + 1) & 0xff;
        return value;
    }

    private void startNext() {
        while ((current = queue.poll()) != null) {
            if (hopping != null && !inItsPart(current)) {
                waitForItsPart(current);
                continue;
            }
            current.beginAttempt(settings.minBe());
            backoff();
            return;
        }
    }

    /** While hopping: a broadcast goes in the broadcast window, a unicast outside it. */
    private boolean inItsPart(Outgoing frame) {
        return isBroadcast(frame.destination) == hopping.inBroadcastWindow(scheduler.nanoTime());
    }

    private void waitForItsPart(Outgoing frame) {
        (isBroadcast(frame.destination) ? forWindow : forWindowEnd).add(frame);
    }

    /**
     * Frames set aside for their part of the broadcast interval. Broadcasts are released at a random moment of the
     * next window, unicasts at a random moment as long after it closes, so that a neighbourhood's waiting frames do
     * not all start together: the unicasts a window's broadcasts prompted would otherwise meet at its end. Either
     * kind lets the other go meanwhile, as in Wi-SUN MACs, rather than hold the queue for up to a broadcast interval
     * at every hop.
     */
    private final class Waiting {
        private final boolean broadcasts;
        private final ArrayDeque<Outgoing> frames = new ArrayDeque<>();
        private Cancellable timer;

        Waiting(boolean broadcasts) {
            this.broadcasts = broadcasts;
        }

        void add(Outgoing frame) {
            frames.add(frame);
            if (timer == null) {
                long now = scheduler.nanoTime();
                long at = (broadcasts ? hopping.untilBroadcastWindow(now) : hopping.untilWindowCloses(now))
                        + scheduler.random().nextLong(hopping.broadcastDwellNanos());
                timer = scheduler.schedule(Duration.ofNanos(at), () -> {
                    timer = null;
                    release();
                });
            }
        }

        /** The waiting frames go next, in the order they came. */
        void release() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            for (java.util.Iterator<Outgoing> it = frames.descendingIterator(); it.hasNext();) {
                queue.addFirst(it.next());
            }
            frames.clear();
            if (current == null) {
                startNext();
            }
        }
    }

    // ---- unslotted CSMA-CA, IEEE 802.15.4-2015 6.2.5.1, Figure 6-2 ----

    private void backoff() {
        unpin(); // listen on the schedule meanwhile; the destination may have hopped on by the next assessment
        int periods = scheduler.random().nextInt(1 << current.be);
        scheduler.schedule(Duration.ofNanos(periods * timing.unitBackoffNanos()), this::clearChannelAssessment);
    }

    private void clearChannelAssessment() {
        if (current == null) {
            return;
        }
        if (phyUse != PhyUse.IDLE || ackDue) {
            channelBusy(); // an acknowledgement owes the turnaround after its frame to nobody else (6.7.4.2)
            return;
        }
        if (hopping != null && phy.receiving()) {
            channelBusy(); // retuning now would lose the frame coming in
            return;
        }
        if (hopping != null && !tuneForCurrent()) {
            return;
        }
        if (!phy.assessesChannelOnTransmit() && !phy.channelClear()) {
            channelBusy();
            return;
        }
        phyUse = PhyUse.DATA;
        tap.sent(current.psdu, hopping != null ? pinned : channel, scheduler.nanoTime());
        phy.transmit(current.psdu);
    }

    /**
     * Pins the radio to the channel the current frame must go out on; false if it cannot go now: a frame whose
     * backoffs ran it out of its part of the broadcast interval waits for its next one, and a short-addressed
     * unicast has no schedule.
     */
    private boolean tuneForCurrent() {
        if (!inItsPart(current)) {
            Outgoing late = current;
            current = null;
            waitForItsPart(late);
            startNext();
            return false;
        }
        long now = scheduler.nanoTime();
        if (isBroadcast(current.destination)) {
            pin(hopping.broadcastChannel(now));
        } else if (current.destination instanceof ExtendedAddress destination) {
            pin(hopping.listeningChannel(destination.value(), now));
        } else {
            counters.increment("no-schedule");
            complete(TxStatus.LINK_DOWN);
            return false;
        }
        return true;
    }

    private void pin(int hopChannel) {
        pinned = hopChannel;
        phy.setChannel(hopChannel);
    }

    /** Back to the schedule between exchanges (unless an acknowledgement is on its way out: see transmitDone). */
    private void unpin() {
        if (hopping != null && pinned >= 0) {
            pinned = -1;
            if (phyUse == PhyUse.IDLE) {
                phy.resumeHopping();
            }
        }
    }

    /** After an acknowledgement went out on its frame's channel: back to the exchange's channel or the schedule. */
    private void retune() {
        if (hopping != null) {
            if (pinned >= 0) {
                phy.setChannel(pinned);
            } else {
                phy.resumeHopping();
            }
        }
    }

    private void channelBusy() {
        current.nb++;
        current.be = Math.min(current.be + 1, settings.maxBe());
        if (current.nb > settings.maxCsmaBackoffs()) {
            complete(TxStatus.CHANNEL_BUSY);
        } else {
            backoff();
        }
    }

    @Override
    public void transmitDone(TxOutcome outcome) {
        PhyUse finished = phyUse;
        phyUse = PhyUse.IDLE;
        if (finished == PhyUse.ACK) {
            retune();
        }
        if (finished != PhyUse.DATA || current == null) {
            return; // an acknowledgement went out, or the request was already settled
        }
        switch (outcome) {
            case SENT -> {
                txCount.increment();
                if (current.ackRequest) {
                    ackTimer = scheduler.schedule(Duration.ofNanos(timing.ackWaitNanos(plan, ackPsduLength())),
                            this::ackTimedOut);
                } else {
                    complete(TxStatus.SENT);
                }
            }
            case CHANNEL_BUSY -> channelBusy();
            case FAILED -> complete(TxStatus.LINK_DOWN);
        }
    }

    private int ackPsduLength() {
        return 3 + codec.fcsType().length();
    }

    private void ackTimedOut() {
        ackTimer = null;
        if (current == null) {
            return;
        }
        if (current.retries >= settings.maxFrameRetries()) {
            complete(TxStatus.NO_ACK);
        } else {
            current.retries++;
            counters.increment("retry");
            current.beginAttempt(settings.minBe());
            backoff();
        }
    }

    private void complete(TxStatus status) {
        Outgoing done = current;
        current = null;
        unpin();
        if (ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
        }
        finish(done.result, status, done.destination);
        if (current == null) {
            startNext(); // unless whoever awaited the result has already sent again and so started the queue
        }
    }

    private void finish(CompletableFuture<TxStatus> result, TxStatus status, MacAddress destination) {
        Counters.Counter count = statusCounts[status.ordinal()];
        if (count == null) {
            count = counters.counter(status.counterName());
            statusCounts[status.ordinal()] = count;
        }
        count.increment();
        if (status == TxStatus.ACKED || status == TxStatus.NO_ACK) {
            neighbours.transmitted(destination, status == TxStatus.ACKED);
        }
        result.complete(status);
    }

    // ---- reception, IEEE 802.15.4-2015 6.7.2 ----

    @Override
    public void received(Reception reception) {
        tap.heard(reception);
        if (forSomeoneElse(codec.head(reception.psdu()))) {
            return;
        }
        FrameDecodeResult result = codec.decode(reception.psdu());
        if (result instanceof FrameDecodeResult.Rejected rejected) {
            counters.increment(rejected.reason().counterName());
            return;
        }
        MacFrame frame = ((FrameDecodeResult.Decoded) result).frame();
        rxCount.increment();
        if (frame.type() == FrameType.ACK) {
            acknowledged(frame);
            return;
        }
        if (!addressedToUs(frame)) {
            filteredCount.increment();
            return;
        }
        MacAddress source = frame.source();
        neighbours.heard(source, reception.rssiDbm(), reception.lqi(), reception.timestampNanos());
        boolean acknowledged = frame.ackRequest() && !isBroadcast(frame.destination());
        if (acknowledged) {
            scheduleAck(frame, reception.channel());
        }
        if (acknowledged && isDuplicate(frame, reception.timestampNanos())) {
            counters.increment("duplicate");
            return;
        }
        if (frame.type() == FrameType.DATA) {
            upper.dataReceived(frame, reception);
        } else {
            counters.increment("rx:" + frame.type().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void acknowledged(MacFrame ack) {
        if (awaitsAck(ack.sequenceNumber())) {
            complete(TxStatus.ACKED);
        } else {
            unexpectedAckCount.increment();
        }
    }

    /**
     * Whether a frame can be dropped on its head alone, without a full decode: an acknowledgement nobody here waits
     * for, or a frame whose destination PAN or address is someone else's. Counted as the full path counts them.
     */
    private boolean forSomeoneElse(FrameHead head) {
        if (head == null) {
            return false; // not readable that far: the full decode says why
        }
        if (head.type() == FrameType.ACK) {
            if (awaitsAck(head.sequenceNumber())) {
                return false;
            }
            rxCount.increment();
            unexpectedAckCount.increment();
            return true;
        }
        if (head.destination() == MacAddress.NONE || addressedToUs(head.destinationPanId(), head.destination())) {
            return false;
        }
        rxCount.increment();
        filteredCount.increment();
        return true;
    }

    private boolean awaitsAck(OptionalInt sequenceNumber) {
        return current != null && ackTimer != null && sequenceNumber.isPresent()
                && sequenceNumber.getAsInt() == current.sequence;
    }

    /** Third-level filtering (6.7.2): destination PAN and address must be ours or broadcast. */
    private boolean addressedToUs(MacFrame frame) {
        if (frame.destination() == MacAddress.NONE) {
            // No destination address: only the PAN coordinator accepts, and only from its own PAN.
            return settings.panCoordinator() && frame.sourcePan().orElse(settings.panId()) == settings.panId();
        }
        return addressedToUs(frame.destinationPanId().orElse(-1), frame.destination());
    }

    private boolean addressedToUs(int destinationPan, MacAddress destination) {
        if (destinationPan >= 0 && destinationPan != BROADCAST_PAN && destinationPan != settings.panId()) {
            return false;
        }
        if (destination instanceof ShortAddress s) {
            return s.isBroadcast() || s.value() == settings.shortAddress();
        }
        return destination instanceof ExtendedAddress e && e.value() == settings.extended();
    }

    private static boolean isBroadcast(MacAddress address) {
        return address instanceof ShortAddress s && s.isBroadcast();
    }

    /**
     * Whether an acknowledged frame repeats the last one from its source: its sender missed our acknowledgement and
     * sent it again (6.7.4.3). Only such frames are asked: a frame nobody acknowledges is never sent again, and a
     * broadcast source's sequence number, heard now and then among frames to others, would match an old one by
     * chance once in 256 times (Contiki-NG does not deduplicate broadcasts either).
     */
    private boolean isDuplicate(MacFrame frame, long nowNanos) {
        if (frame.sequenceNumber().isEmpty() || frame.source() == MacAddress.NONE) {
            return false;
        }
        int sequence = frame.sequenceNumber().getAsInt();
        return lastSequenceFrom.put(frame.source(), sequence, nowNanos) == sequence;
    }

    /**
     * Immediate acknowledgement one turnaround after the frame, without CSMA-CA (6.7.4.2), on the channel the frame
     * came in on.
     */
    private void scheduleAck(MacFrame frame, int frameChannel) {
        if (frame.sequenceNumber().isEmpty()) {
            return;
        }
        byte[] ack = codec.immediateAck(frame.version(), frame.sequenceNumber().getAsInt());
        ackDue = true;
        scheduler.schedule(Duration.ofNanos(timing.turnaroundNanos()), () -> {
            ackDue = false;
            if (phyUse != PhyUse.IDLE) {
                counters.increment("ack:phy-busy");
                return;
            }
            phyUse = PhyUse.ACK;
            ackSentCount.increment();
            if (hopping != null) {
                phy.setChannel(frameChannel);
            }
            tap.sent(ack, hopping != null ? frameChannel : channel, scheduler.nanoTime());
            phy.transmit(ack);
        });
    }

    @Override
    public void linkStateChanged(LinkState state) {
        counters.increment("link:" + state.name().toLowerCase(java.util.Locale.ROOT));
        upper.linkStateChanged(state);
    }

    /** A data request in progress. */
    private static final class Outgoing {
        final byte[] psdu;
        final int sequence;
        final boolean ackRequest;
        final MacAddress destination;
        final CompletableFuture<TxStatus> result;
        int retries;
        int nb;
        int be;

        Outgoing(byte[] psdu, int sequence, boolean ackRequest, MacAddress destination,
                CompletableFuture<TxStatus> result) {
            this.psdu = psdu;
            this.sequence = sequence;
            this.ackRequest = ackRequest;
            this.destination = destination;
            this.result = result;
        }

        void beginAttempt(int minBe) {
            nb = 0;
            be = minBe;
        }
    }
}
