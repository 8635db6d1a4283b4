package org.metermesh.tools;

import java.util.HexFormat;

import org.metermesh.telemetry.payload.JsonPayloadCodec;
import org.metermesh.telemetry.payload.JsonWriter;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.PayloadDecodeResult;

/**
 * One MQTT message as one line of JSON: {@code {"topic": ..., "payload": {...}}} with the payload in MeterMesh's
 * JSON layout whether it came as KuraPayload protobuf (gzipped or not) or as JSON; a payload that is neither gets
 * {@code "error"} with the decoder's reason and the octets in {@code "hex"}, never silence.
 */
final class PayloadPrinter {

    private final KuraPayloadCodec protobuf = new KuraPayloadCodec();
    private final JsonPayloadCodec json = new JsonPayloadCodec();

    String line(String topic, byte[] payload) {
        JsonWriter out = new JsonWriter().beginObject().name("topic").value(topic);
        PayloadDecodeResult decoded = protobuf.decode(payload);
        if (decoded instanceof PayloadDecodeResult.Rejected && looksLikeJson(payload)) {
            PayloadDecodeResult asJson = json.decode(payload);
            if (asJson instanceof PayloadDecodeResult.Decoded) {
                decoded = asJson;
            }
        }
        if (decoded instanceof PayloadDecodeResult.Decoded d) {
            out.name("payload").json(json.encodeToString(d.payload()));
        } else {
            PayloadDecodeResult.Rejected r = (PayloadDecodeResult.Rejected) decoded;
            out.name("error").value("not a Kura payload: " + r.reason() + ": " + r.detail())
                    .name("hex").value(HexFormat.of().formatHex(payload));
        }
        return out.endObject().toString();
    }

    private static boolean looksLikeJson(byte[] payload) {
        for (byte b : payload) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}
