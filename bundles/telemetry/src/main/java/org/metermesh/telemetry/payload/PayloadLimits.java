package org.metermesh.telemetry.payload;

/**
 * Bounds on what a decoder accepts, so that one message cannot exhaust the gateway's memory.
 *
 * @param maxEncodedOctets the largest message as received (compressed or not)
 * @param maxDecodedOctets the largest message after gzip decompression (guards against gzip bombs)
 * @param maxMetrics the most metrics in one payload
 */
public record PayloadLimits(int maxEncodedOctets, int maxDecodedOctets, int maxMetrics) {

    /** 256 KiB on the wire, 1 MiB decompressed, 10,000 metrics: far above any meter reading or request. */
    public static final PayloadLimits DEFAULT = new PayloadLimits(256 * 1024, 1024 * 1024, 10_000);

    public PayloadLimits {
        if (maxEncodedOctets < 1 || maxDecodedOctets < 1 || maxMetrics < 0) {
            throw new IllegalArgumentException("payload limits must be positive: " + maxEncodedOctets + ", "
                    + maxDecodedOctets + ", " + maxMetrics);
        }
    }
}
