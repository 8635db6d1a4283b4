package org.metermesh.telemetry.coap;

import java.time.Duration;
import java.util.Objects;

/**
 * Transmission parameters of a {@link CoapEndpoint}. The first four are RFC 7252 4.8's, with its defaults; the
 * derived times are those of RFC 7252 4.8.2. The rest are MeterMesh's choices.
 *
 * @param ackTimeout ACK_TIMEOUT, 2 s (RFC 7252 4.8)
 * @param ackRandomFactor ACK_RANDOM_FACTOR, 1.5 (RFC 7252 4.8)
 * @param maxRetransmit MAX_RETRANSMIT, 4 (RFC 7252 4.8)
 * @param nstart NSTART, 1: outstanding interactions per peer; further requests wait their turn (RFC 7252 4.7)
 * @param maxLatency MAX_LATENCY, 100 s (RFC 7252 4.8.2)
 * @param separateAckDelay how long a handler may take before a CON request gets an Empty ACK and the response
 *     goes separately (RFC 7252 5.2.2); shorter than the peer's ACK_TIMEOUT so that it does not retransmit
 * @param responseTimeout how long a request waits for its response once it was acknowledged (or, for NON, sent)
 * @param maxRememberedExchanges how many (peer, message ID) pairs duplicate detection remembers; the oldest is
 *     forgotten first (RFC 7252 4.5)
 * @param maxTokenLength tokens count up from 1 in the shortest encoding, at most this many octets (RFC 7252 5.3.1)
 */
public record CoapConfig(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int nstart,
        Duration maxLatency, Duration separateAckDelay, Duration responseTimeout, int maxRememberedExchanges,
        int maxTokenLength) {

    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    public static final double ACK_RANDOM_FACTOR = 1.5;
    public static final int MAX_RETRANSMIT = 4;
    public static final int NSTART = 1;
    public static final Duration MAX_LATENCY = Duration.ofSeconds(100);

    /** RFC 7252 4.8 defaults; a 1 s separate-ACK delay; MAX_TRANSMIT_WAIT (93 s) for responses; 4096; 2 octets. */
    public static final CoapConfig DEFAULTS = new CoapConfig(ACK_TIMEOUT, ACK_RANDOM_FACTOR, MAX_RETRANSMIT,
            NSTART, MAX_LATENCY, Duration.ofSeconds(1), Duration.ofSeconds(93), 4096, 2);

    /** The same with room for {@code exchanges} remembered exchanges (duplicate detection, RFC 7252 4.5). */
    public CoapConfig withMaxRememberedExchanges(int exchanges) {
        return new CoapConfig(ackTimeout, ackRandomFactor, maxRetransmit, nstart, maxLatency, separateAckDelay,
                responseTimeout, exchanges, maxTokenLength);
    }

    public CoapConfig {
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(maxLatency, "maxLatency");
        Objects.requireNonNull(separateAckDelay, "separateAckDelay");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive: " + ackTimeout);
        }
        if (!(ackRandomFactor >= 1.0)) {
            throw new IllegalArgumentException("ackRandomFactor must be at least 1 (RFC 7252 4.8): " + ackRandomFactor);
        }
        if (maxRetransmit < 0 || maxRetransmit > 20) {
            throw new IllegalArgumentException("maxRetransmit must be 0-20: " + maxRetransmit);
        }
        if (nstart < 1) {
            throw new IllegalArgumentException("nstart must be positive: " + nstart);
        }
        if (maxLatency.isNegative() || separateAckDelay.isNegative() || responseTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxRememberedExchanges < 1) {
            throw new IllegalArgumentException("maxRememberedExchanges must be positive: " + maxRememberedExchanges);
        }
        if (maxTokenLength < 1 || maxTokenLength > CoapMessage.MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("maxTokenLength must be 1-8: " + maxTokenLength);
        }
    }

    /** MAX_TRANSMIT_SPAN = ACK_TIMEOUT * (2^MAX_RETRANSMIT - 1) * ACK_RANDOM_FACTOR, 45 s (RFC 7252 4.8.2). */
    public Duration maxTransmitSpan() {
        return scale(ackTimeout, ((1L << maxRetransmit) - 1) * ackRandomFactor);
    }

    /** MAX_TRANSMIT_WAIT = ACK_TIMEOUT * (2^(MAX_RETRANSMIT + 1) - 1) * ACK_RANDOM_FACTOR, 93 s (RFC 7252 4.8.2). */
    public Duration maxTransmitWait() {
        return scale(ackTimeout, ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor);
    }

    /** PROCESSING_DELAY = ACK_TIMEOUT (RFC 7252 4.8.2). */
    public Duration processingDelay() {
        return ackTimeout;
    }

    /** EXCHANGE_LIFETIME = MAX_TRANSMIT_SPAN + 2 * MAX_LATENCY + PROCESSING_DELAY, 247 s (RFC 7252 4.8.2). */
    public Duration exchangeLifetime() {
        return maxTransmitSpan().plus(maxLatency.multipliedBy(2)).plus(processingDelay());
    }

    /** NON_LIFETIME = MAX_TRANSMIT_SPAN + MAX_LATENCY, 145 s (RFC 7252 4.8.2). */
    public Duration nonLifetime() {
        return maxTransmitSpan().plus(maxLatency);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.round(d.toNanos() * factor));
    }
}
