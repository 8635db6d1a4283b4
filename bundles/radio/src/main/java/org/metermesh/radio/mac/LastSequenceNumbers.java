package org.metermesh.radio.mac;

import org.metermesh.api.radio.MacAddress;

/**
 * The sequence number of the last frame from each source, for duplicate rejection (IEEE 802.15.4-2015 6.7.3).
 *
 * <p>Every frame a node accepts asks it, and a meter in a dense street hears hundreds of sources: an
 * open-addressing table of primitive keys (linear probing, one array slot per source) instead of a map of address
 * objects, whose boxed entries cost a cache miss each.
 */
final class LastSequenceNumbers {

    /** A free slot; the {@link AddressKey} kinds are non-zero. */
    private static final byte EMPTY = 0;

    private long[] keys = new long[16];
    private byte[] kinds = new byte[16];
    private byte[] sequences = new byte[16];
    private int size;

    /**
     * Records {@code sequence} as the last one from {@code source}.
     *
     * @param source   a short or extended address
     * @param sequence 0-255
     * @return the sequence number recorded for {@code source} before, or -1 if none
     */
    int put(MacAddress source, int sequence) {
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
                if (++size * 2 > keys.length) {
                    grow();
                }
                return -1;
            }
            if (keys[i] == key && kinds[i] == kind) {
                int previous = sequences[i] & 0xff;
                sequences[i] = (byte) sequence;
                return previous;
            }
        }
    }

    /** Sources remembered. */
    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldKinds = kinds;
        byte[] oldSequences = sequences;
        keys = new long[oldKeys.length * 2];
        kinds = new byte[oldKeys.length * 2];
        sequences = new byte[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKinds[j] != EMPTY) {
                int i = slot(oldKeys[j], oldKinds[j], mask);
                while (kinds[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                kinds[i] = oldKinds[j];
                sequences[i] = oldSequences[j];
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
