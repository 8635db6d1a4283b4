package org.metermesh.telemetry.meter;

import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.coap.CoapType;

/**
 * How meters and the gateway carry COSEM APDUs in CoAP (RFC 7252) over UDP: MeterMesh's meter application
 * protocol. Short paths and no Content-Format option keep every header a few octets, as the 6LoWPAN frames need.
 * <ul>
 *   <li>Meter to gateway: {@code POST /n} ("notify") with a data-notification APDU ({@link MeterMessageCodec});
 *       confirmable for every class that must not be lost, non-confirmable for usage readings (bulk data a later
 *       reading supersedes). The gateway answers 2.04 Changed once the message is in its durable store, 4.00 Bad
 *       Request with a diagnostic payload (RFC 7252 5.5.2) if it does not decode, 5.03 Service Unavailable if the
 *       store refused it (the meter keeps it and sends it again later).</li>
 *   <li>Gateway to meter: {@code POST /c} ("COSEM") with a get, set or action request APDU, confirmable; the
 *       meter answers 2.05 Content with the response APDU ({@link MeterAgent}).</li>
 * </ul>
 */
public final class MeterProtocol {

    /** The UDP port of the meter application on both ends (6LoWPAN NHC compresses 61616-61631 best, RFC 6282). */
    public static final int PORT = 61616;
    /** Uri-Path of pushed messages, meter to gateway. */
    public static final String NOTIFY_PATH = "n";
    /** Uri-Path of COSEM requests, gateway to meter. */
    public static final String COSEM_PATH = "c";

    private MeterProtocol() {
    }

    /** Whether {@code request} is a {@code POST} to {@code path} (one of the paths above). */
    public static boolean isPost(CoapMessage request, String path) {
        return request.code().equals(CoapCode.POST) && request.uriPath().equals("/" + path);
    }

    /** Confirmable for what must not be lost (seed 003: every class but usage readings). */
    public static CoapType typeFor(MessageClass messageClass) {
        return messageClass.mustNotBeLost() ? CoapType.CON : CoapType.NON;
    }
}
