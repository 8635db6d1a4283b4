package org.metermesh.radio.medium;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.Reception;

/**
 * One shared radio channel space for simulated nodes: frames take their airtime, reach the nodes that can hear
 * them with an RSSI from the {@link LinkModel}, and are lost to packet errors, collisions, half duplex, cut links
 * or configured extra loss. Runs on a {@link Scheduler} (virtual time in the simulator, real time in the demo) and
 * is deterministic for a seed: nodes are visited in id order and every random draw comes from one generator.
 */
public final class SimulatedMedium {

    /** Grid cell edge; only cells within a sender's range are searched for listeners. */
    private static final double CELL_METRES = 250;
    private static final int DEAF = Integer.MIN_VALUE;
    /** In {@link #hearingChannel}: the node follows its hopping schedule, see {@link Moment}. */
    private static final int HOPPING = Integer.MIN_VALUE + 1;
    /** Low bits of a {@link #known} entry: the channel number. */
    private static final int CHANNEL_BITS = 16;
    /** A {@link #known} entry for no dwell yet: its slot part is below any slot of non-negative time. */
    private static final long NOT_KNOWN = Long.MIN_VALUE;

    private final Scheduler scheduler;
    private final ChannelPlan plan;
    private final MediumSettings settings;
    private final LinkModel model;
    private final SplittableRandom random;
    private final List<SimulatedPhy> nodes = new ArrayList<>();
    /*
     * What a frame's end asks of each of the hundreds of nodes that hear it, kept in arrays by node id rather than
     * in the nodes themselves: a pass over a sender's neighbours then reads a few dense arrays instead of chasing one
     * object per receiver through the heap.
     */
    /**
     * The channel a node hears on, {@link #DEAF} while it is closed or not started, {@link #HOPPING} while it
     * follows its schedule.
     */
    private int[] hearingChannel = new int[0];
    /** Each hopping node's schedule and key, read when its channel is {@link #HOPPING}. */
    private ChannelHopping[] schedules = new ChannelHopping[0];
    private long[] hopKeys = new long[0];
    /**
     * Each hopping node's unicast channel and the dwell it was computed for, as {@code slot << CHANNEL_BITS |
     * channel} (one load in the pass over a sender's neighbours): a dwell serves many frames.
     */
    private long[] known = new long[0];
    /**
     * The one schedule every hopping node follows (equal schedules count as one), null while none hops or once two
     * differ: with one, a node's dwell entry alone says where it listens.
     */
    private ChannelHopping commonSchedule;
    private boolean mixedSchedules;
    /** When a node last stopped transmitting ({@link Long#MAX_VALUE} while it transmits): it heard nothing before. */
    private long[] quietSince = new long[0];
    /**
     * The frames of each channel ({@code channel - plan.firstChannel()}) that are on the air or could still overlap
     * one that is: what a clear channel assessment senses, and what a frame ending now may have collided with. A
     * hopping node tunes to its destination's channel just before assessing it, so the frames it was listening to
     * as they started are the wrong ones to ask.
     */
    private final ChannelAir[] air;
    private final Map<Long, Cell> grid = new HashMap<>();
    private final Set<Long> blockedLinks = new HashSet<>();
    private final MediumCounters counters = new MediumCounters();
    /**
     * The longest airtime of any frame sent so far: a frame ending now started at most this long ago, so it overlaps
     * no frame that ended before that.
     */
    private long longestAirtimeNanos;
    /** Collects the listeners of the frame starting now; reused, as each frame keeps only its few. */
    private int[] scratch = new int[0];

    public SimulatedMedium(Scheduler scheduler, ChannelPlan plan, MediumSettings settings) {
        this.scheduler = scheduler;
        this.plan = plan;
        this.settings = settings;
        this.model = new LinkModel(settings);
        this.random = new SplittableRandom(LinkModel.mix(settings.seed() + 1));
        this.air = new ChannelAir[plan.channelCount()];
        for (int c = 0; c < air.length; c++) {
            air[c] = new ChannelAir();
        }
    }

    /** Adds a node at {@code position}, tuned to {@code channel}, transmitting at {@code txPowerDbm}. */
    public SimulatedPhy attach(Position position, int channel, int txPowerDbm) {
        plan.requireChannel(channel);
        SimulatedPhy node = new SimulatedPhy(this, nodes.size(), position, channel, txPowerDbm);
        nodes.add(node);
        if (hearingChannel.length < nodes.size()) {
            int capacity = Math.max(16, 2 * hearingChannel.length);
            hearingChannel = Arrays.copyOf(hearingChannel, capacity);
            schedules = Arrays.copyOf(schedules, capacity);
            hopKeys = Arrays.copyOf(hopKeys, capacity);
            known = Arrays.copyOf(known, capacity);
            quietSince = Arrays.copyOf(quietSince, capacity);
        }
        quietSince[node.id()] = Long.MIN_VALUE;
        receptionChanged(node);
        grid.computeIfAbsent(cellKey(cellOf(position.x()), cellOf(position.y())), k -> new Cell()).add(node);
        nodes.forEach(SimulatedPhy::forgetNeighbours); // a newcomer may be in anyone's range
        return node;
    }

    /** Cuts the link between two nodes in both directions (fault injection). */
    public void blockLink(SimulatedPhy a, SimulatedPhy b) {
        blockedLinks.add(pairKey(a.id(), b.id()));
    }

    public void unblockLink(SimulatedPhy a, SimulatedPhy b) {
        blockedLinks.remove(pairKey(a.id(), b.id()));
    }

    public MediumCounters counters() {
        return counters;
    }

    public ChannelPlan plan() {
        return plan;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The RSSI at which {@code receiver} hears {@code sender} now, or NaN if it cannot hear it at all. */
    public double rssiDbm(SimulatedPhy sender, SimulatedPhy receiver) {
        double loss = sender.neighbours().lossTo(receiver.id());
        return Double.isNaN(loss) ? Double.NaN : sender.txPowerDbm() - loss;
    }

    /**
     * Calls {@code hearer} for every live node that hears {@code sender} at {@code minRssiDbm} or more, in id order.
     */
    public void forEachHearer(SimulatedPhy sender, double minRssiDbm,
            java.util.function.Consumer<SimulatedPhy> hearer) {
        Neighbours neighbours = sender.neighbours();
        for (int i = 0; i < neighbours.size(); i++) {
            SimulatedPhy other = nodes.get(neighbours.id(i));
            if (!other.isClosed() && sender.txPowerDbm() - neighbours.loss(i) >= minRssiDbm
                    && !blockedLinks.contains(pairKey(sender.id(), other.id()))) {
                hearer.accept(other);
            }
        }
    }

    /** Every node attached so far, in id order. */
    public List<SimulatedPhy> nodes() {
        return java.util.Collections.unmodifiableList(nodes);
    }

    public MediumSettings settings() {
        return settings;
    }

    /** The node was started, closed, retuned or set hopping: whether and where it hears. */
    void receptionChanged(SimulatedPhy node) {
        int id = node.id();
        schedules[id] = node.hopping();
        hopKeys[id] = node.hopKey();
        if (node.hopping() != null && !mixedSchedules) {
            if (commonSchedule == null) {
                commonSchedule = node.hopping();
            } else if (!commonSchedule.equals(node.hopping())) {
                commonSchedule = null;
                mixedSchedules = true;
            }
        }
        known[id] = NOT_KNOWN;
        hearingChannel[id] = node.isClosed() || !node.isListening() ? DEAF
                : node.isHopping() ? HOPPING : node.channel();
    }

    /**
     * Where the nodes are at one moment, for the pass over a sender's neighbours: the broadcast window and dwell
     * are worked out once per schedule (in practice one for the whole neighbourhood) instead of once per node, and
     * a node's unicast channel once per dwell.
     */
    private final class Moment {
        private final long nanos;
        private ChannelHopping schedule;
        private boolean window;
        private int broadcastChannel;
        private long slot;

        Moment(long nanos) {
            this.nanos = nanos;
            if (commonSchedule != null) {
                enter(commonSchedule);
            }
        }

        private void enter(ChannelHopping own) {
            schedule = own;
            window = own.inBroadcastWindow(nanos);
            broadcastChannel = window ? own.broadcastChannel(nanos) : -1;
            slot = own.unicastSlot(nanos);
        }

        int channelOf(int id) {
            if (commonSchedule != null) {
                // One load for most nodes: a hopping node's entry for this dwell, or its mode in a broadcast window.
                if (!window) {
                    long entry = known[id];
                    if (entry >> CHANNEL_BITS == slot) {
                        return (int) (entry & ((1 << CHANNEL_BITS) - 1));
                    }
                } else {
                    int channel = hearingChannel[id];
                    return channel == HOPPING ? broadcastChannel : channel;
                }
            }
            int channel = hearingChannel[id];
            if (channel != HOPPING) {
                return channel;
            }
            ChannelHopping own = schedules[id];
            if (own != schedule && !own.equals(schedule)) {
                enter(own);
            }
            if (window) {
                return broadcastChannel;
            }
            long entry = known[id];
            if (entry >> CHANNEL_BITS == slot) {
                return (int) (entry & ((1 << CHANNEL_BITS) - 1));
            }
            int unicast = own.unicastChannel(hopKeys[id], slot);
            known[id] = slot << CHANNEL_BITS | unicast;
            return unicast;
        }
    }

    void transmit(SimulatedPhy sender, byte[] psdu) {
        long now = scheduler.nanoTime();
        Transmission tx = new Transmission(sender, sender.channel(), sender.txPowerDbm(), psdu, now,
                now + plan.airtimeNanos(psdu.length));
        longestAirtimeNanos = Math.max(longestAirtimeNanos, tx.end - tx.start);
        Neighbours neighbours = sender.neighbours();
        // Only the nodes on the frame's channel as it starts take part in it; a radio stays on the channel of a
        // frame it is receiving, and one that tunes in later missed the preamble.
        if (scratch.length < neighbours.size()) {
            scratch = new int[neighbours.size()];
        }
        int count = 0;
        Moment moment = new Moment(now);
        for (int i = 0; i < neighbours.size(); i++) {
            int id = neighbours.id(i);
            if (moment.channelOf(id) == tx.channel) {
                scratch[count++] = i;
            }
        }
        tx.neighbours = neighbours;
        tx.listeners = Arrays.copyOf(scratch, count); // a unicast's few, not an array as long as the neighbourhood
        counters.transmissions++;
        air[tx.channel - plan.firstChannel()].add(tx, now - longestAirtimeNanos);
        sender.transmitting = tx;
        quietSince[sender.id()] = Long.MAX_VALUE;
        scheduler.schedule(Duration.ofNanos(tx.end - now), () -> finish(tx));
    }

    private void finish(Transmission tx) {
        tx.ended = true;
        SimulatedPhy sender = tx.sender;
        sender.transmitting = null;
        sender.lastTransmissionEnd = tx.end;
        quietSince[sender.id()] = tx.end;
        if (sender.isClosed()) {
            return; // the node died mid-frame: nobody hears the rest of it
        }
        sender.transmitted();
        boolean collisions = settings.collisions();
        double capture = settings.captureThresholdDb();
        Overlaps overlaps = collisions ? air[tx.channel - plan.firstChannel()].overlapping(tx, longestAirtimeNanos)
                : Overlaps.NONE;
        Neighbours neighbours = tx.neighbours; // as the frame started: a newcomer since did not hear its start
        for (int k = 0; k < tx.listeners.length; k++) {
            int i = tx.listeners[k];
            int id = neighbours.id(i);
            int channel = hearingChannel[id];
            if (channel != HOPPING && channel != tx.channel) {
                continue; // closed, or tuned away during the frame
            }
            double rssi = tx.powerDbm - neighbours.loss(i);
            if (!model.audible(rssi)) {
                continue;
            }
            if (!blockedLinks.isEmpty() && blockedLinks.contains(pairKey(sender.id(), id))) {
                counters.blockedLinks++;
            } else if (quietSince[id] > tx.start) {
                counters.receiverBusy++; // it was transmitting during (part of) the frame: half duplex
            } else if (overlaps.spoil(id, rssi, capture)) {
                counters.collisions++; // an overlapping frame reached it too strongly for capture
            } else if (packetError(tx, rssi)) {
                counters.packetErrors++;
            } else if (settings.extraLoss() > 0 && random.nextDouble() < settings.extraLoss()) {
                counters.extraLoss++;
            } else {
                counters.delivered++;
                // One array for every receiver: a PhyListener only reads it (see Reception).
                nodes.get(id).deliver(new Reception(tx.psdu, (int) Math.round(rssi), model.lqi(rssi), tx.channel,
                        tx.end));
            }
        }
    }

    /** Draws whether the frame is lost to bit errors at this receiver: a draw for every receiver that got this far. */
    private boolean packetError(Transmission tx, double rssi) {
        return model.packetLost(rssi, tx.psdu.length, random.nextDouble());
    }

    /** Clear channel assessment at {@code node}: no transmission on its channel reaches it above the threshold. */
    boolean channelClear(SimulatedPhy node) {
        long now = scheduler.nanoTime();
        return !air[node.channel() - plan.firstChannel()].reaches(node, now, settings.ccaThresholdDbm(),
                longestAirtimeNanos);
    }

    /** Whether a frame on the channel {@code node} listens on now reaches it at sensitivity or more. */
    boolean receiving(SimulatedPhy node) {
        long now = scheduler.nanoTime();
        int channel = new Moment(now).channelOf(node.id());
        return channel != DEAF && air[channel - plan.firstChannel()].heardAt(node.id(), now,
                settings.sensitivityDbm(), longestAirtimeNanos);
    }

    /** Every node that can hear {@code node} at its transmit power, in id order, with the path loss to each. */
    Neighbours computeNeighbours(SimulatedPhy node) {
        double range = model.maxRangeMetres(node.txPowerDbm());
        int reach = (int) Math.ceil(range / CELL_METRES);
        long cx = cellOf(node.position().x());
        long cy = cellOf(node.position().y());
        double nodeX = node.position().x();
        double nodeY = node.position().y();
        // Each audible node as its id over its loss's float bits: sorting these sorts by id, and only the audible
        // few are sorted, not the thousands of candidates in the cells (about a sixth of them are in earshot).
        long[] audible = new long[64];
        int count = 0;
        for (long x = cx - reach; x <= cx + reach; x++) {
            for (long y = cy - reach; y <= cy + reach; y++) {
                Cell cell = grid.get(cellKey(x, y));
                if (cell == null || cell.nearestMetres(x, y, nodeX, nodeY) > range + 1) {
                    continue; // the metre covers rounding: no node of the cell is in range
                }
                for (int k = 0; k < cell.size; k++) {
                    double dx = nodeX - cell.xs[k];
                    double dy = nodeY - cell.ys[k];
                    double distance = Math.sqrt(dx * dx + dy * dy); // as Position.distanceTo
                    int other = cell.ids[k];
                    if (other == node.id() || distance > range) {
                        continue;
                    }
                    double loss = model.pathLossDb(node.id(), other, distance);
                    if (model.audible(node.txPowerDbm() - loss)) {
                        if (count == audible.length) {
                            audible = Arrays.copyOf(audible, 2 * count);
                        }
                        audible[count++] = (long) other << 32 | Float.floatToRawIntBits((float) loss) & 0xffffffffL;
                    }
                }
            }
        }
        Arrays.sort(audible, 0, count);
        int[] ids = new int[count];
        float[] losses = new float[count];
        for (int k = 0; k < count; k++) {
            ids[k] = (int) (audible[k] >>> 32);
            losses[k] = Float.intBitsToFloat((int) audible[k]);
        }
        return new Neighbours(ids, losses);
    }

    private static long cellOf(double metres) {
        return (long) Math.floor(metres / CELL_METRES);
    }

    private static long cellKey(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }

    private static long pairKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /**
     * The nodes in one grid cell, their ids and coordinates side by side: finding a node's neighbours reads the
     * thousands of candidates around it in a row instead of visiting each node and its position.
     */
    static final class Cell {
        private int[] ids = new int[8];
        private double[] xs = new double[8];
        private double[] ys = new double[8];
        private int size;

        void add(SimulatedPhy node) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                xs = Arrays.copyOf(xs, 2 * size);
                ys = Arrays.copyOf(ys, 2 * size);
            }
            ids[size] = node.id();
            xs[size] = node.position().x();
            ys[size] = node.position().y();
            size++;
        }

        /** Distance from a point to the nearest point of cell ({@code x}, {@code y}). */
        double nearestMetres(long x, long y, double pointX, double pointY) {
            double dx = Math.max(0, Math.max(x * CELL_METRES - pointX, pointX - (x + 1) * CELL_METRES));
            double dy = Math.max(0, Math.max(y * CELL_METRES - pointY, pointY - (y + 1) * CELL_METRES));
            return Math.sqrt(dx * dx + dy * dy);
        }
    }

    /**
     * The frames of one channel in the order they started, back to the oldest that could still overlap a frame on
     * the air. Asking the few frames of a channel about a receiver costs less than filing every frame, as it starts,
     * with each of its hundreds of receivers (broadcasts reach nearly every neighbour in the broadcast window).
     */
    static final class ChannelAir {
        /** A ring: entries run from {@code head}, modulo the capacity (a power of two). */
        private Transmission[] frames = new Transmission[8];
        private int head;
        private int size;

        /** Appends a frame that starts now; first forgets frames that ended at {@code before} or earlier. */
        void add(Transmission frame, long before) {
            int mask = frames.length - 1;
            while (size > 0 && frames[head].end <= before) {
                frames[head] = null;
                head = (head + 1) & mask;
                size--;
            }
            if (size == frames.length) {
                Transmission[] old = frames;
                frames = new Transmission[old.length * 2];
                for (int k = 0; k < size; k++) {
                    frames[k] = old[(head + k) & mask];
                }
                head = 0;
                mask = frames.length - 1;
            }
            frames[(head + size) & mask] = frame;
            size++;
        }

        private Transmission newest(int k) {
            return frames[(head + size - 1 - k) & (frames.length - 1)];
        }

        /** Whether a frame of another node, not yet ended, reaches {@code node} at {@code thresholdDbm} or more. */
        boolean reaches(SimulatedPhy node, long now, double thresholdDbm, long longestAirtime) {
            for (int k = 0; k < size; k++) {
                Transmission other = newest(k);
                if (other.start + longestAirtime < now) {
                    return false; // it, and every frame that started before it, ended (and was finished) before now
                }
                if (!other.ended && other.sender != node
                        && other.powerDbm - other.neighbours.lossTo(node.id()) >= thresholdDbm) {
                    return true; // NaN (out of reach) compares false
                }
            }
            return false;
        }

        /** Whether a frame on the air now, whose start node {@code id} heard, reaches it at {@code thresholdDbm}. */
        boolean heardAt(int id, long now, double thresholdDbm, long longestAirtime) {
            for (int k = 0; k < size; k++) {
                Transmission other = newest(k);
                if (other.start + longestAirtime <= now) {
                    return false;
                }
                if (other.start <= now && other.end > now && other.levelAt(id) >= thresholdDbm) {
                    return true; // NaN (not a listener) compares false
                }
            }
            return false;
        }

        /** The other frames of this channel on the air at any time during {@code tx}. */
        Overlaps overlapping(Transmission tx, long longestAirtime) {
            Transmission[] found = null;
            int count = 0;
            for (int k = 0; k < size; k++) {
                Transmission other = newest(k);
                if (other.start + longestAirtime <= tx.start) {
                    break; // it, and every frame that started before it, ended before tx began
                }
                if (other != tx && other.end > tx.start && other.start < tx.end) {
                    if (found == null) {
                        found = new Transmission[size - k];
                    }
                    found[count++] = other;
                }
            }
            return found == null ? Overlaps.NONE : new Overlaps(found, count);
        }
    }

    /**
     * The frames that overlapped one frame on its channel, asked about that frame's listeners in ascending id order:
     * each keeps a cursor into its own listeners (also in id order), so the pass over hundreds of listeners walks each
     * overlapping frame's listeners once.
     */
    static final class Overlaps {
        static final Overlaps NONE = new Overlaps(new Transmission[0], 0);

        private final Transmission[] frames;
        private final int[] cursors;
        private final int count;

        Overlaps(Transmission[] frames, int count) {
            this.frames = frames;
            this.cursors = new int[count];
            this.count = count;
        }

        /**
         * Whether a frame that node {@code id} heard as it started reached it less than {@code captureDb} below
         * {@code rssi}. Ids must not decrease from one call to the next.
         */
        boolean spoil(int id, double rssi, double captureDb) {
            for (int f = 0; f < count; f++) {
                Transmission other = frames[f];
                int[] listeners = other.listeners;
                Neighbours neighbours = other.neighbours;
                int c = cursors[f];
                while (c < listeners.length && neighbours.id(listeners[c]) < id) {
                    c++;
                }
                cursors[f] = c;
                if (c < listeners.length && neighbours.id(listeners[c]) == id
                        && rssi - (other.powerDbm - neighbours.loss(listeners[c])) < captureDb) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A frame on the air. */
    static final class Transmission {
        final SimulatedPhy sender;
        final int channel;
        final int powerDbm;
        final byte[] psdu;
        final long start;
        final long end;
        /**
         * The sender's neighbours when the frame started, and the indices of those on its channel then (ascending,
         * so in id order too).
         */
        Neighbours neighbours;
        int[] listeners;
        /** Whether its end was processed: from then on it is off the air. */
        boolean ended;

        Transmission(SimulatedPhy sender, int channel, int powerDbm, byte[] psdu, long start, long end) {
            this.sender = sender;
            this.channel = channel;
            this.powerDbm = powerDbm;
            this.psdu = psdu;
            this.start = start;
            this.end = end;
        }

        /** Its level at node {@code id}, NaN unless that node was one of its listeners. */
        double levelAt(int id) {
            int index = neighbours.indexOf(id);
            return index < 0 || Arrays.binarySearch(listeners, index) < 0 ? Double.NaN
                    : powerDbm - neighbours.loss(index);
        }
    }

    /** The nodes one node can reach, sorted by id, with the path loss to each. */
    static final class Neighbours {
        private final int[] ids;
        private final float[] losses;

        Neighbours(int[] ids, float[] losses) {
            this.ids = ids;
            this.losses = losses;
        }

        int size() {
            return ids.length;
        }

        int id(int index) {
            return ids[index];
        }

        double loss(int index) {
            return losses[index];
        }

        /** The index of the node with this id, negative if it is out of reach. */
        int indexOf(int id) {
            return Arrays.binarySearch(ids, id);
        }

        /** Path loss to the node with this id, or NaN if it is out of reach. */
        double lossTo(int id) {
            int index = indexOf(id);
            return index < 0 ? Double.NaN : losses[index];
        }
    }
}
