package org.metermesh.sixlowpan.frag;

import java.util.random.RandomGenerator;

/**
 * The datagram_tag counter of one sender (one link-layer source address). RFC 4944 5.3: "The sender SHALL
 * increment datagram_tag for successive, fragmented datagrams. The incremented value of datagram_tag SHALL wrap
 * from 65535 back to zero. This field is 16 bits long, and its initial value is not defined." Starting at a random
 * value makes it unlikely that a restarted sender reuses the tag of a datagram a receiver still holds. Not
 * thread-safe: owned by the stack's event loop.
 */
public final class DatagramTagSequence {

    private int next;

    /** @param initial the first tag to hand out, 0..65535 */
    public DatagramTagSequence(int initial) {
        if (initial < 0 || initial > 0xffff) {
            throw new IllegalArgumentException("datagram_tag " + initial + " is outside 0..65535");
        }
        this.next = initial;
    }

    /** A sequence starting at a random tag; pass the stack's {@code Scheduler.random()} to stay reproducible. */
    public static DatagramTagSequence startingRandomly(RandomGenerator random) {
        return new DatagramTagSequence(random.nextInt(0x10000));
    }

    /** Hands out the current tag and advances, wrapping from 65535 to 0. */
    public int next() {
        int tag = next;
        next = (next + 1) & 0xffff;
        return tag;
    }

    /** The tag {@link #next()} will hand out. */
    public int peek() {
        return next;
    }
}
