package org.metermesh.radio.mac;

import org.metermesh.api.radio.MacAddress;

/**
 * The sequence number of the last acknowledged frame from each source, and when it came, for duplicate rejection
 * (IEEE 802.15.4-2015 6.7.3): a frame whose acknowledgement was lost comes again with the same number.
 *
 * <p>A record counts only for {@link #MAX_AGE_NANOS} after its frame: retransmissions follow within a second or
 * so, while a source heard again after a long silence may well have wrapped around to the same number (Contiki-NG's
 * mac-sequence.c keeps its records for 20 s for the same reason). Records past that age are dropped when the table
 * would otherwise grow, so it holds about the sources of the last 20 s.
 *
 * <p>An open-addressing table of primitive keys (linear probing, one array slot per source) instead of a map of
 * address objects, whose boxed entries cost a cache miss each.
 */
final class LastSequenceNumbers {

    /** How long a record says anything: Contiki-NG's SEQNO_MAX_AGE, 20 s. */
    static final long MAX_AGE_NANOS = 20_000_000_000L;
    /** A free slot; the {@link AddressKey} kinds are non-zero. */
    private static final byte EMPTY = 0;
    private static final int INITIAL_CAPACITY = 16;

    private long[] keys = new long[INITIAL_CAPACITY];
    private byte[] kinds = new byte[INITIAL_CAPACITY];
    private byte[] sequences = new byte[INITIAL_CAPACITY];
    private long[] heardAt = new long[INITIAL_CAPACITY];
    private int size;

    /**
     * Records {@code sequence} as the last one from {@code source}, heard at {@code nowNanos}.
     *
     * @param source   a short or extended address
     * @param sequence 0-255
     * @return the sequence number recorded for {@code source} within the last {@link #MAX_AGE_NANOS}, or -1 if none
     */
    int put(MacAddress source, int sequence, long nowNanos) {
        byte kind = AddressKey.kind(source);
        if (kind == AddressKey.ABSENT) {
            throw new IllegalArgumentException("no source address to remember a sequence number for");
        }
        long key = AddressKey.value(source);
        int mask = keys.length - 1;
        for (int i = slot(key, kind, mask); ; i = (i + 1) & mask) {
            if (kinds[i] == EMPTY) {
                kinds[i] = kind;
                keys[i] = key;
                sequences[i] = (byte) sequence;
                heardAt[i] = nowNanos;
                if (++size * 2 > keys.length) {
                    rebuild(nowNanos);
                }
                return -1;
            }
            if (keys[i] == key && kinds[i] == kind) {
                int previous = nowNanos - heardAt[i] <= MAX_AGE_NANOS ? sequences[i] & 0xff : -1;
                sequences[i] = (byte) sequence;
                heardAt[i] = nowNanos;
                return previous;
            }
        }
    }

    /** Sources remembered, stale ones included until the table next drops them. */
    int size() {
        return size;
    }

    /** Drops the records past their age, then doubles the table unless at most a quarter of it is still live. */
    private void rebuild(long nowNanos) {
        int live = 0;
        for (int j = 0; j < keys.length; j++) {
            if (kinds[j] != EMPTY && nowNanos - heardAt[j] <= MAX_AGE_NANOS) {
                live++;
            }
        }
        long[] oldKeys = keys;
        byte[] oldKinds = kinds;
        byte[] oldSequences = sequences;
        long[] oldHeardAt = heardAt;
        int capacity = live * 2 > oldKeys.length / 2 ? oldKeys.length * 2 : oldKeys.length;
        keys = new long[capacity];
        kinds = new byte[capacity];
        sequences = new byte[capacity];
        heardAt = new long[capacity];
        size = 0;
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKinds[j] != EMPTY && nowNanos - oldHeardAt[j] <= MAX_AGE_NANOS) {
                int i = slot(oldKeys[j], oldKinds[j], mask);
                while (kinds[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                kinds[i] = oldKinds[j];
                sequences[i] = oldSequences[j];
                heardAt[i] = oldHeardAt[j];
                size++;
            }
        }
    }

    /** SplitMix64's finaliser: EUI-64s of one vendor differ in their low bits only. */
    private static int slot(long key, byte kind, int mask) {
        long z = key ^ ((long) kind << 62);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (int) (z ^ (z >>> 31)) & mask;
    }
}
