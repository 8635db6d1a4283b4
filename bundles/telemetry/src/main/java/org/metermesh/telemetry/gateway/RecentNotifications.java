package org.metermesh.telemetry.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The notification numbers each meter had stored most recently. A meter that got no 2.04 sends the same
 * notification again, possibly after others (a warning goes ahead of older messages, and after an outage Power
 * Restored goes ahead of an unanswered Last Gasp): a number among the last {@value #REMEMBERED} of that meter is a
 * repeat, not a new message. Meters keep their counter across power cuts; the 24-bit counter wraps only after
 * 16 million messages.
 */
final class RecentNotifications {

    /** Enough for a meter's messages in flight and retried around an outage. */
    static final int REMEMBERED = 16;

    private final Map<MeterId, int[]> recent = new HashMap<>();

    boolean seen(MeterId meter, int sequence) {
        int[] numbers = recent.get(meter);
        if (numbers == null) {
            return false;
        }
        for (int i = 1; i <= numbers[0]; i++) {
            if (numbers[i] == sequence) {
                return true;
            }
        }
        return false;
    }

    void stored(MeterId meter, int sequence) {
        int[] numbers = recent.computeIfAbsent(meter, m -> new int[REMEMBERED + 1]); // [0]: how many are kept
        if (numbers[0] < REMEMBERED) {
            numbers[++numbers[0]] = sequence;
        } else {
            System.arraycopy(numbers, 2, numbers, 1, REMEMBERED - 1); // the oldest goes
            numbers[REMEMBERED] = sequence;
        }
    }
}
