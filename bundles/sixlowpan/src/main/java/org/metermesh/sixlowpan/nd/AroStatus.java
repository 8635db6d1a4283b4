package org.metermesh.sixlowpan.nd;

import java.util.Optional;

/**
 * Address Registration Option status values: 0..2 from RFC 6775 4.1, 3..10 from RFC 8505 4.1 (Table 1, IANA
 * "Address Registration Option Status Values").
 */
public enum AroStatus {
    SUCCESS(0),
    /** The address is registered by another owner (ROVR/EUI-64). */
    DUPLICATE_ADDRESS(1),
    /** The registration would need a new entry and the table is full. */
    NEIGHBOR_CACHE_FULL(2),
    /** "The registration fails because it is not the freshest" (RFC 8505): an older TID. */
    MOVED(3),
    REMOVED(4),
    VALIDATION_REQUESTED(5),
    DUPLICATE_SOURCE_ADDRESS(6),
    INVALID_SOURCE_ADDRESS(7),
    REGISTERED_ADDRESS_TOPOLOGICALLY_INCORRECT(8),
    SIXLBR_REGISTRY_SATURATED(9),
    VALIDATION_FAILED(10);

    private final int code;

    AroStatus(int code) {
        this.code = code;
    }

    /** The value of the Status field. */
    public int code() {
        return code;
    }

    public static Optional<AroStatus> of(int code) {
        for (AroStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
