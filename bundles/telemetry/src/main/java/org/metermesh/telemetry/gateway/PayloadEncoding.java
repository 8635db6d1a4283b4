package org.metermesh.telemetry.gateway;

import java.util.Locale;

import org.metermesh.telemetry.payload.JsonPayloadCodec;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.PayloadDecodeResult;

/** How payloads go on the wire: Kura's protobuf (the default, what Kura's cloud services decode), gzipped, or JSON. */
public enum PayloadEncoding {
    PROTOBUF, PROTOBUF_GZIP, JSON;

    private static final KuraPayloadCodec PROTOBUF_CODEC = new KuraPayloadCodec();
    private static final JsonPayloadCodec JSON_CODEC = new JsonPayloadCodec();

    public static PayloadEncoding named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown payload encoding '" + name
                    + "'; known: protobuf, protobuf-gzip, json");
        }
    }

    public byte[] encode(KuraPayload payload) {
        return switch (this) {
            case PROTOBUF -> PROTOBUF_CODEC.encode(payload, false);
            case PROTOBUF_GZIP -> PROTOBUF_CODEC.encode(payload, true);
            case JSON -> JSON_CODEC.encode(payload);
        };
    }

    /** Decodes a request: protobuf (gzipped or not, as Kura detects) or JSON, whichever this encoding is. */
    public PayloadDecodeResult decode(byte[] payload) {
        return this == JSON ? JSON_CODEC.decode(payload) : PROTOBUF_CODEC.decode(payload);
    }
}
