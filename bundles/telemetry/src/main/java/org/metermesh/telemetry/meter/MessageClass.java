package org.metermesh.telemetry.meter;

import java.util.Comparator;

/**
 * The five message classes of a smart meter network (seed 003 section V "Different message classes in smart
 * networks": control, request, billing, electricity usage, warning) with the three categories they fall in and how
 * MeterMesh treats each on the way to the utility.
 */
public enum MessageClass {
    /** The server controls a meter (e.g. turn off): the reply says whether it was done. */
    CONTROL(1, Category.OPERATION, true, 1),
    /** The server requests information from a meter (e.g. a register value): the reply carries it. */
    REQUEST(2, Category.OPERATION, true, 1),
    /** Billing data: register snapshots at the end of a billing period. */
    BILLING(3, Category.NON_OPERATION, true, 2),
    /** Electricity usage: periodic bulk readings; a lost one is superseded by the next. */
    USAGE(4, Category.NON_OPERATION, false, 3),
    /** Emergency events the meter reports at once (over voltage, tamper, last gasp). */
    WARNING(5, Category.ASYNCHRONOUS_EVENT, true, 0);

    /** Operation (server-initiated), non-operation (routine data) or asynchronous event (meter-initiated alarm). */
    public enum Category {
        OPERATION,
        NON_OPERATION,
        ASYNCHRONOUS_EVENT
    }

    /** Highest publish priority first. */
    public static final Comparator<MessageClass> BY_PUBLISH_PRIORITY =
            Comparator.comparingInt(MessageClass::publishRank);

    private final int code;
    private final Category category;
    private final boolean mustNotBeLost;
    private final int publishRank;

    MessageClass(int code, Category category, boolean mustNotBeLost, int publishRank) {
        this.code = code;
        this.category = category;
        this.mustNotBeLost = mustNotBeLost;
        this.publishRank = publishRank;
    }

    /** The enum value carried in the notification body (see the package documentation). */
    public int code() {
        return code;
    }

    public Category category() {
        return category;
    }

    /**
     * True if the message must not be lost: sent as a CoAP confirmable message and queued durably. Only USAGE bulk
     * readings are sent non-confirmable.
     */
    public boolean mustNotBeLost() {
        return mustNotBeLost;
    }

    /** 0 is published first: WARNING, then CONTROL and REQUEST replies, then BILLING, then USAGE. */
    public int publishRank() {
        return publishRank;
    }

    /** The class with this wire code, or null. */
    public static MessageClass ofCode(int code) {
        for (MessageClass c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
