package org.metermesh.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted power cut of a whole street: {@code STREET@START+LENGTH}, e.g. {@code 2@5m+1m} cuts street 2
 * ({@link Neighbourhood#street}) five minutes after start for one minute. Every meter on it sends its Last Gasp at
 * once: a storm.
 */
public record Outage(int street, Duration at, Duration length) {

    public Outage {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(length, "length");
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static Outage parse(String text) {
        String t = text.trim();
        int atSign = t.indexOf('@');
        int plus = t.indexOf('+', Math.max(atSign, 0));
        if (atSign < 1 || plus < atSign + 2 || plus == t.length() - 1) {
            throw new IllegalArgumentException("outage '" + text + "' is not STREET@START+LENGTH, e.g. 2@5m+1m");
        }
        try {
            int street = Integer.parseInt(t.substring(0, atSign));
            return new Outage(street, DurationText.parse(t.substring(atSign + 1, plus)),
                    DurationText.parse(t.substring(plus + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outage '" + text + "' is not STREET@START+LENGTH, e.g. 2@5m+1m: "
                    + e.getMessage(), e);
        }
    }
}
