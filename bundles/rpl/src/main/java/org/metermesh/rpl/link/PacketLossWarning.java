package org.metermesh.rpl.link;

import java.util.Locale;
import java.util.Objects;

import org.metermesh.api.event.ErrorCode;

/**
 * A HIGH_PACKET_LOSS event ({@link ErrorCode#HIGH_PACKET_LOSS}): the loss ratio on the link to {@code neighbour}
 * went above the threshold (15 % in the field manual). The component posts it under
 * {@link ErrorCode#topic()} with {@link #reason()} as the reason property.
 *
 * @param neighbour  the neighbour at the other end of the link
 * @param lossRatio  (attempts - acked) / attempts over the loss window
 * @param threshold  the threshold it exceeded
 * @param attempts   transmission attempts in the window
 * @param acked      acknowledged requests in the window
 * @param timeNanos  scheduler time of the transmission outcome that raised it
 * @param <K>        the neighbour identifier
 */
public record PacketLossWarning<K>(K neighbour, double lossRatio, double threshold, long attempts, long acked,
        long timeNanos) {

    public PacketLossWarning {
        Objects.requireNonNull(neighbour, "neighbour");
    }

    public ErrorCode code() {
        return ErrorCode.HIGH_PACKET_LOSS;
    }

    /** E.g. "packet loss 25.0 % to fe80::1 over 16 attempts exceeds 15 %". */
    public String reason() {
        return String.format(Locale.ROOT, "packet loss %.1f %% to %s over %d attempts exceeds %.0f %%",
                lossRatio * 100, neighbour, attempts, threshold * 100);
    }
}
