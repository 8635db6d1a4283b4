package org.metermesh.sixlowpan.frag;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link Reassembler}, checked here so that a reassembler can never be built without a memory bound.
 *
 * @param timeout             how long a datagram may take from its first received fragment to its last;
 *                            1 ms..60 s. RFC 4944 5.3: "The reassembly timeout MUST be set to a maximum of 60
 *                            seconds (this is also the timeout in the IPv6 reassembly procedure [RFC2460])."
 * @param maxBuffersPerSender datagrams one link-layer source may have in reassembly at once, 1..1024
 * @param memoryBudget        octets all reassembly buffers together may take, as counted by {@link
 *                            #bufferCost(int)}; at least one buffer of {@code maxDatagramSize}, at most 64 MiB
 * @param maxDatagramSize     the largest datagram_size accepted, 40..2047; larger ones are refused as {@code
 *                            dropped:too_large}. RFC 4944 section 4: "The MTU size for IPv6 packets over IEEE
 *                            802.15.4 is 1280 octets."
 */
public record ReassemblyConfig(Duration timeout, int maxBuffersPerSender, int memoryBudget, int maxDatagramSize) {

    /** RFC 4944 5.3: the upper bound on the reassembly timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_BUFFERS_PER_SENDER = 1024;
    public static final int MAX_MEMORY_BUDGET = 64 * 1024 * 1024;
    /** Fixed per-buffer bookkeeping counted against the budget: objects, map entry, key, timer task. */
    public static final int BUFFER_OVERHEAD = 128;

    /** RFC 4944 5.3: the maximum the RFC allows, which is also the IPv6 reassembly timeout (RFC 8200 4.5). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Our choice: a meter has one or two datagrams in flight; four leaves room for retransmissions. */
    public static final int DEFAULT_MAX_BUFFERS_PER_SENDER = 4;
    /** Our choice, 256 KiB: about 150 buffers of 1280 octets, enough for every meter of a NAN sending at once. */
    public static final int DEFAULT_MEMORY_BUDGET = 256 * 1024;
    /** RFC 4944 section 4: the IPv6 MTU over IEEE 802.15.4 is 1280 octets. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1280;
    /** The defaults above, which match the 6LoWPAN component's MetaType defaults. */
    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(DEFAULT_TIMEOUT,
            DEFAULT_MAX_BUFFERS_PER_SENDER, DEFAULT_MEMORY_BUDGET, DEFAULT_MAX_DATAGRAM_SIZE);

    public ReassemblyConfig {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("reassembly timeout " + timeout
                    + " is outside 1 ms..60 s (RFC 4944 5.3: at most 60 seconds)");
        }
        if (maxBuffersPerSender < 1 || maxBuffersPerSender > MAX_BUFFERS_PER_SENDER) {
            throw new IllegalArgumentException("buffers per sender " + maxBuffersPerSender + " is outside 1.."
                    + MAX_BUFFERS_PER_SENDER);
        }
        if (maxDatagramSize < 40 || maxDatagramSize > FragmentHeader.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("maximum datagram size " + maxDatagramSize + " is outside 40..2047");
        }
        if (memoryBudget < bufferCost(maxDatagramSize) || memoryBudget > MAX_MEMORY_BUDGET) {
            throw new IllegalArgumentException("memory budget " + memoryBudget + " is outside "
                    + bufferCost(maxDatagramSize) + " (one buffer of the maximum datagram size).." + MAX_MEMORY_BUDGET);
        }
    }

    public ReassemblyConfig withTimeout(Duration newTimeout) {
        return new ReassemblyConfig(newTimeout, maxBuffersPerSender, memoryBudget, maxDatagramSize);
    }

    public ReassemblyConfig withMaxBuffersPerSender(int buffers) {
        return new ReassemblyConfig(timeout, buffers, memoryBudget, maxDatagramSize);
    }

    public ReassemblyConfig withMemoryBudget(int budget) {
        return new ReassemblyConfig(timeout, maxBuffersPerSender, budget, maxDatagramSize);
    }

    public ReassemblyConfig withMaxDatagramSize(int size) {
        return new ReassemblyConfig(timeout, maxBuffersPerSender, memoryBudget, size);
    }

    /**
     * What one reassembly buffer for a datagram of {@code datagramSize} octets counts against the budget: the
     * datagram itself, a 2-octet length slot per 8-octet unit to track fragments, and {@link #BUFFER_OVERHEAD}.
     */
    public static int bufferCost(int datagramSize) {
        return datagramSize + 2 * ((datagramSize + 7) >>> 3) + BUFFER_OVERHEAD;
    }
}
