package org.metermesh.telemetry.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapEndpoint;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.coap.CoapType;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.meter.MeterProtocol;

/** The gateway's side of COSEM requests to meters: one confirmable {@code POST /c} per request APDU. */
final class MeterClient {

    private final CoapEndpoint<Ipv6Address> coap;

    MeterClient(CoapEndpoint<Ipv6Address> coap) {
        this.coap = coap;
    }

    /**
     * Sends {@code request} to the meter at {@code address}.
     *
     * @return the response APDU's octets, or fails with the CoAP failure (timeout, reset) or a
     *     {@link MeterAnswerException} for an error response
     */
    CompletionStage<byte[]> send(Ipv6Address address, Apdu request) {
        CoapMessage message = CoapMessage.request(CoapType.CON, CoapCode.POST, MeterProtocol.COSEM_PATH,
                ApduCodec.encode(request));
        return coap.request(address, message).thenCompose(response -> {
            if (!response.code().equals(CoapCode.CONTENT)) {
                return CompletableFuture.failedFuture(new MeterAnswerException("the meter answered "
                        + response.code() + (response.payload().length == 0 ? "" : " "
                        + new String(response.payload(), java.nio.charset.StandardCharsets.UTF_8))));
            }
            return CompletableFuture.completedFuture(response.payload());
        });
    }

    /** The meter answered with a CoAP error instead of a COSEM response. */
    static final class MeterAnswerException extends Exception {
        private static final long serialVersionUID = 1L;

        MeterAnswerException(String message) {
            super(message);
        }
    }
}
