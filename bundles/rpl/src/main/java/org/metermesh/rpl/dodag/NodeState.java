package org.metermesh.rpl.dodag;

/** Where a meter's {@link RplNode} is in joining and keeping its place in a DODAG. */
public enum NodeState {
    /** Not started, or stopped. */
    STOPPED,
    /** Looking for a parent: waiting out the join jitter, sending DIS, listening for DIOs. */
    DISCOVERING,
    /** Has a preferred parent and a finite Rank; advertises DIOs and keeps its DAO fresh. */
    ATTACHED,
    /**
     * Lost every parent (local repair): advertises INFINITE_RANK to poison its sub-DODAG (RFC 6550 8.2.2.5) and
     * picks no parent until the hold-down ends.
     */
    HOLD_DOWN
}
