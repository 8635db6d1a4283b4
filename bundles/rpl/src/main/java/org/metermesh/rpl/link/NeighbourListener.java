package org.metermesh.rpl.link;

/**
 * Hears what happens in a {@link NeighbourTable}. Called on the scheduler's thread, after the table has changed,
 * so a listener may call back into the table. Every method does nothing by default.
 *
 * @param <K> the neighbour identifier
 */
public interface NeighbourListener<K> {

    /** A neighbour was heard for the first time (or again after it left the table). */
    default void added(Neighbour<K> neighbour) {
    }

    /** An entry left the table; a parent that expires is the RPL core's cue to pick another (self-healing). */
    default void removed(Neighbour<K> neighbour, RemovalReason reason) {
    }

    /** Loss on the link rose above the threshold: post {@link PacketLossWarning#code()} as a warning. */
    default void highPacketLoss(PacketLossWarning<K> warning) {
    }

    /** Loss on a link that had a warning fell back to the clear threshold or below. */
    default void packetLossCleared(Neighbour<K> neighbour) {
    }
}
