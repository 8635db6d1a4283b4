package org.metermesh.sixlowpan.frag;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.HeaderDecompressor;
import org.metermesh.sixlowpan.iphc.HeaderDecompressor.Decompressed;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * RFC 4944 section 5.3 reassembly: a sans-I/O core that takes fragments and returns whole uncompressed IPv6
 * packets, timing out incomplete ones on the stack's {@link Scheduler}. Not thread-safe: driven by one event loop.
 * Counters may be read from any thread.
 *
 * <h2>Identification</h2> A datagram is identified by link-layer source, link-layer destination, datagram_size and
 * datagram_tag (RFC 4944 5.3; with a mesh header the originator and final destination take the place of the
 * link-layer addresses: pass those). Because a sender increments its tag per datagram, a fragment that reuses a
 * tag of the same source and destination with a different datagram_size means the older datagram can no longer
 * complete: it is discarded ({@code dropped:size_changed}) and reassembly restarts with the new fragment.
 *
 * <h2>Placement</h2> FRAGN data is copied to {@code datagram_offset * 8}. The content of FRAG1 is handed to the
 * {@link HeaderDecompressor}; the uncompressed headers it returns, followed by the rest of the fragment, are placed
 * at offset 0 (RFC 6282 section 2: offsets and sizes count uncompressed octets). Fragments may arrive in any order.
 *
 * <h2>Duplicates and overlaps</h2> A fragment with the same offset, length and content as one already stored is
 * ignored ({@code duplicate}). A fragment that overlaps a stored one with a different offset or length discards the
 * accumulated fragments (RFC 4944 5.3: "the fragment(s) already accumulated in the reassembly buffer SHALL be
 * discarded. A fresh reassembly may be commenced with the most recently received link fragment"), and so does one
 * with the same offset and length but different content (as RFC 5722 does for IPv6 fragments, so a forged copy
 * cannot silently replace data): counted {@code dropped:overlap}, then the fragment starts a fresh reassembly.
 *
 * <h2>Timeout</h2> Each datagram gets one timer, started by its first received fragment and not restarted by later
 * ones: RFC 4944 5.3 "When this time expires, if the entire packet has not been reassembled, the existing fragments
 * MUST be discarded and the reassembly state MUST be flushed." Default 60 s, the maximum RFC 4944 allows.
 *
 * <h2>Memory</h2> Admission control, no eviction: a fragment that would open a new buffer is refused when its
 * sender already holds {@link ReassemblyConfig#maxBuffersPerSender()} buffers ({@code dropped:sender_buffers_full})
 * or when {@link ReassemblyConfig#bufferCost(int)} of its datagram_size does not fit into what is left of the memory
 * budget ({@code dropped:buffer_full}). Buffers already open are never evicted to make room, so a flood of first
 * fragments cannot push out datagrams that are half reassembled; it can only make new datagrams wait until timers
 * free space. Memory held is at most the budget at all times, whatever arrives, and each buffer is freed at the
 * latest one timeout after it was opened. Each fragment is bounded too: datagram_size is at most {@link
 * ReassemblyConfig#maxDatagramSize()} ({@code dropped:too_large}) and fragments may not reach past it.
 *
 * <h2>Counters</h2> {@code rx:frag1}, {@code rx:fragn} per fragment, {@code reassembled} per datagram delivered,
 * {@code duplicate} per ignored copy, and {@code dropped:<reason>} per drop: refused fragments count once each; a
 * discarded datagram counts once however many fragments it held. A first fragment the decompressor rejects is
 * counted under the decompressor's reason and discards its datagram (no packet can be built without its headers).
 */
public final class Reassembler {

    /**
     * Told about every counted drop, e.g. to log it or to raise a warning. Called on the event loop, also from the
     * timeout task. {@code tag} is -1 if the fragmentation header could not be read.
     */
    @FunctionalInterface
    public interface DropListener {
        void dropped(Reason reason, MacAddress source, MacAddress destination, int tag, String detail);
    }

    private final Scheduler scheduler;
    private final HeaderDecompressor decompressor;
    private final ReassemblyConfig config;
    private final DropListener dropListener;

    private final Map<TagKey, Buffer> buffers = new HashMap<>();
    private final Map<MacAddress, Integer> buffersPerSender = new HashMap<>();
    private long reservedBytes;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public Reassembler(Scheduler scheduler, HeaderDecompressor decompressor, ReassemblyConfig config) {
        this(scheduler, decompressor, config, (reason, source, destination, tag, detail) -> { });
    }

    public Reassembler(Scheduler scheduler, HeaderDecompressor decompressor, ReassemblyConfig config,
            DropListener dropListener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.decompressor = Objects.requireNonNull(decompressor, "decompressor");
        this.config = Objects.requireNonNull(config, "config");
        this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
    }

    public ReassemblyConfig config() {
        return config;
    }

    /**
     * Takes one fragment.
     *
     * @param frame       holds the fragment
     * @param offset      where its fragmentation header (FRAG1 or FRAGN dispatch) starts in {@code frame}
     * @param length      octets of the fragment from {@code offset}: its header and data up to the end of the
     *                    frame payload
     * @param source      link-layer source, or the mesh header's originator address
     * @param destination link-layer destination, or the mesh header's final destination
     * @return what became of the fragment; never throws for any input octets
     */
    public ReassemblyResult accept(byte[] frame, int offset, int length, MacAddress source, MacAddress destination) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.checkFromIndexSize(offset, length, frame.length);
        FragmentHeader header;
        try {
            header = FragmentHeader.parse(frame, offset, length);
        } catch (SixLowpanDecodeException e) {
            return refuse(e.reason(), source, destination, -1, e.getMessage());
        }
        increment(header.first() ? "rx:frag1" : "rx:fragn");
        int size = header.datagramSize();
        int tag = header.tag();
        if (size > config.maxDatagramSize()) {
            return refuse(Reason.TOO_LARGE, source, destination, tag,
                    "datagram_size " + size + " exceeds " + config.maxDatagramSize());
        }
        int dataOffset = offset + header.length();
        int dataLength = length - header.length();
        if (dataLength == 0) {
            return refuse(Reason.FRAGMENT_MISALIGNED, source, destination, tag, header + " carries no data");
        }
        TagKey key = new TagKey(source, destination, tag);

        Fragment fragment;
        if (header.first()) {
            Decompressed headers;
            try {
                headers = decompressor.decompress(frame, dataOffset, dataLength, source, destination, size);
            } catch (SixLowpanDecodeException e) {
                discardIfSameSize(key, size);
                return refuse(e.reason(), source, destination, tag, "first fragment: " + e.getMessage());
            }
            int consumed = headers.consumed();
            if (consumed <= 0 || consumed > dataLength) {
                discardIfSameSize(key, size);
                return refuse(Reason.BAD_LENGTH, source, destination, tag, "decompressor consumed " + consumed
                        + " of " + dataLength + " octets");
            }
            fragment = new Fragment(0, headers.headers(), frame, dataOffset + consumed, dataLength - consumed,
                    headers.udpChecksumElided());
        } else {
            fragment = new Fragment(header.offset(), null, frame, dataOffset, dataLength, false);
        }
        int end = fragment.end();
        if (fragment.length() == 0) {
            return refuse(Reason.FRAGMENT_MISALIGNED, source, destination, tag, header + " carries no data");
        }
        if (end > size) {
            return refuse(Reason.FRAGMENT_OVERRUN, source, destination, tag, header + " with " + fragment.length()
                    + " uncompressed octets at " + fragment.start + " reaches past the datagram");
        }
        if (end != size && (end & 7) != 0) {
            return refuse(Reason.FRAGMENT_MISALIGNED, source, destination, tag, header + " is not the last yet has "
                    + fragment.length() + " uncompressed octets at " + fragment.start + ", not a multiple of 8");
        }

        Buffer buffer = buffers.get(key);
        if (buffer != null && buffer.size != size) {
            discard(buffer, Reason.SIZE_CHANGED, "tag reused with datagram_size " + size + " instead of "
                    + buffer.size);
            buffer = null;
        }
        if (buffer != null) {
            switch (buffer.compare(fragment)) {
                case DUPLICATE:
                    increment("duplicate");
                    return ReassemblyResult.DUPLICATE;
                case CONFLICT:
                    discard(buffer, Reason.OVERLAP, header + " overlaps an accumulated fragment differently");
                    buffer = null;
                    break;
                default:
                    break;
            }
        }
        if (buffer == null) {
            ReassemblyResult refused = admit(key, size);
            if (refused != null) {
                return refused;
            }
            buffer = open(key, size);
        }
        buffer.store(fragment);
        if (buffer.received < size) {
            return ReassemblyResult.PENDING;
        }
        release(buffer);
        increment("reassembled");
        return new ReassemblyResult.Reassembled(buffer.data, buffer.udpChecksumElided, source, destination, tag);
    }

    /** Drops every datagram in reassembly, uncounted (e.g. when the stack stops). */
    public void clear() {
        for (Buffer buffer : buffers.values().toArray(Buffer[]::new)) {
            release(buffer);
        }
    }

    /** Datagrams in reassembly now. */
    public int buffersInUse() {
        return buffers.size();
    }

    /** Datagrams in reassembly now from {@code source}. */
    public int buffersOf(MacAddress source) {
        return buffersPerSender.getOrDefault(source, 0);
    }

    /** Memory counted against the budget now, octets. */
    public long reservedBytes() {
        return reservedBytes;
    }

    /** The count of {@code name}, 0 if it never happened. */
    public long count(String name) {
        LongAdder count = counters.get(name);
        return count == null ? 0 : count.sum();
    }

    /** The count of drops for {@code reason}. */
    public long count(Reason reason) {
        return count(counterName(reason));
    }

    /** All counts, sorted by name. */
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    /** {@code dropped:<reason in lower case>}, as {@link SixLowpanDecodeException#counterName()} names it. */
    public static String counterName(Reason reason) {
        return "dropped:" + reason.name().toLowerCase(Locale.ROOT);
    }

    private ReassemblyResult admit(TagKey key, int size) {
        int held = buffersPerSender.getOrDefault(key.source, 0);
        if (held >= config.maxBuffersPerSender()) {
            return refuse(Reason.SENDER_BUFFERS_FULL, key.source, key.destination, key.tag,
                    key.source + " already has " + held + " datagrams in reassembly");
        }
        int cost = ReassemblyConfig.bufferCost(size);
        if (reservedBytes + cost > config.memoryBudget()) {
            return refuse(Reason.BUFFER_FULL, key.source, key.destination, key.tag, "a buffer of " + cost
                    + " octets does not fit, " + reservedBytes + " of " + config.memoryBudget() + " in use");
        }
        return null;
    }

    private Buffer open(TagKey key, int size) {
        Buffer buffer = new Buffer(key, size);
        buffers.put(key, buffer);
        buffersPerSender.merge(key.source, 1, Integer::sum);
        reservedBytes += buffer.cost;
        buffer.timer = scheduler.schedule(config.timeout(), () -> expire(buffer));
        return buffer;
    }

    private void expire(Buffer buffer) {
        if (buffers.get(buffer.key) == buffer) {
            discard(buffer, Reason.REASSEMBLY_TIMEOUT, buffer.received + " of " + buffer.size
                    + " octets after " + config.timeout().toMillis() + " ms");
        }
    }

    private void discardIfSameSize(TagKey key, int size) {
        Buffer buffer = buffers.get(key);
        if (buffer != null && buffer.size == size) {
            release(buffer);
        }
    }

    private void discard(Buffer buffer, Reason reason, String detail) {
        release(buffer);
        count(reason, buffer.key.source, buffer.key.destination, buffer.key.tag, detail);
    }

    private void release(Buffer buffer) {
        buffers.remove(buffer.key);
        buffersPerSender.computeIfPresent(buffer.key.source, (source, held) -> held == 1 ? null : held - 1);
        reservedBytes -= buffer.cost;
        if (buffer.timer != null) {
            buffer.timer.cancel();
        }
    }

    private ReassemblyResult refuse(Reason reason, MacAddress source, MacAddress destination, int tag,
            String detail) {
        count(reason, source, destination, tag, detail);
        return new ReassemblyResult.Dropped(reason, detail);
    }

    private void count(Reason reason, MacAddress source, MacAddress destination, int tag, String detail) {
        increment(counterName(reason));
        dropListener.dropped(reason, source, destination, tag, detail);
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    private record TagKey(MacAddress source, MacAddress destination, int tag) {
    }

    /**
     * One fragment in uncompressed terms: {@code headers} (only for FRAG1) followed by {@code rest} octets of
     * {@code frame} from {@code from}, to be placed at {@code start}.
     */
    private record Fragment(int start, byte[] headers, byte[] frame, int from, int rest, boolean udpChecksumElided) {
        int headerLength() {
            return headers == null ? 0 : headers.length;
        }

        int length() {
            return headerLength() + rest;
        }

        int end() {
            return start + length();
        }
    }

    private enum Overlap { NONE, DUPLICATE, CONFLICT }

    private static final class Buffer {
        final TagKey key;
        final int size;
        final int cost;
        final byte[] data;
        /** Length of the fragment stored at each 8-octet unit, 0 if none starts there. */
        final short[] lengths;
        int received;
        boolean udpChecksumElided;
        Cancellable timer;

        Buffer(TagKey key, int size) {
            this.key = key;
            this.size = size;
            this.cost = ReassemblyConfig.bufferCost(size);
            this.data = new byte[size];
            this.lengths = new short[(size + 7) >>> 3];
        }

        Overlap compare(Fragment fragment) {
            int start = fragment.start;
            int end = fragment.end();
            for (int unit = 0; unit < lengths.length; unit++) {
                int stored = lengths[unit];
                if (stored == 0) {
                    continue;
                }
                int storedStart = unit << 3;
                int storedEnd = storedStart + stored;
                if (storedStart >= end || start >= storedEnd) {
                    continue;
                }
                if (storedStart != start || storedEnd != end) {
                    return Overlap.CONFLICT;
                }
                return sameContent(fragment) ? Overlap.DUPLICATE : Overlap.CONFLICT;
            }
            return Overlap.NONE;
        }

        private boolean sameContent(Fragment fragment) {
            int h = fragment.headerLength();
            int at = fragment.start;
            if (h > 0 && !Arrays.equals(data, at, at + h, fragment.headers, 0, h)) {
                return false;
            }
            return Arrays.equals(data, at + h, at + h + fragment.rest, fragment.frame, fragment.from,
                    fragment.from + fragment.rest);
        }

        void store(Fragment fragment) {
            int at = fragment.start;
            int h = fragment.headerLength();
            if (h > 0) {
                System.arraycopy(fragment.headers, 0, data, at, h);
                udpChecksumElided = fragment.udpChecksumElided;
            }
            System.arraycopy(fragment.frame, fragment.from, data, at + h, fragment.rest);
            lengths[at >>> 3] = (short) fragment.length();
            received += fragment.length();
        }
    }
}
