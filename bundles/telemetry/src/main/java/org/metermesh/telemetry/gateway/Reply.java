package org.metermesh.telemetry.gateway;

import java.util.function.Consumer;

import org.metermesh.telemetry.payload.KuraPayload;

/**
 * Kura's response codes for request/response over MQTT (the {@code response.code} metric of a reply on
 * {@code $EDC/{account}/{requester}/{app}/REPLY/{request.id}}), with the error text in
 * {@code response.exception.message} as Kura's KuraResponsePayload carries it.
 */
enum Reply {
    OK(200), BAD_REQUEST(400), NOT_FOUND(404), INTERNAL_ERROR(500);

    static final String CODE = "response.code";
    static final String EXCEPTION_MESSAGE = "response.exception.message";

    private final int code;

    Reply(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** A reply with this code and, for errors, the message; {@code body} adds the result metrics. */
    KuraPayload payload(java.time.Instant now, String message, Consumer<KuraPayload.Builder> body) {
        KuraPayload.Builder b = KuraPayload.builder().timestamp(now).metric(CODE, code);
        if (this != OK) {
            b.metric(EXCEPTION_MESSAGE, message);
        }
        body.accept(b);
        return b.build();
    }
}
