package org.metermesh.telemetry.coap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One CoAP message (RFC 7252 3). Immutable: token and payload are copied, options are kept sorted by number
 * (stable, so repeated options such as Uri-Path segments keep their order, RFC 7252 5.4.5).
 *
 * @param type CON, NON, ACK or RST
 * @param code request method, response code or 0.00 Empty
 * @param messageId 16-bit message ID, for duplicate detection and ACK/RST matching (RFC 7252 4.4)
 * @param token 0-8 octets matching a response to its request (RFC 7252 5.3.1)
 * @param options the options, sorted by number
 * @param payload the payload, possibly empty
 */
public record CoapMessage(CoapType type, CoapCode code, int messageId, byte[] token, List<CoapOption> options,
        byte[] payload) {

    public static final int MAX_TOKEN_LENGTH = 8;
    private static final byte[] NONE = new byte[0];

    public CoapMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        if (messageId < 0 || messageId > 0xffff) {
            throw new IllegalArgumentException("message ID " + messageId + " is not 16 bits");
        }
        if (token.length > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token of " + token.length + " octets is longer than 8");
        }
        token = token.clone();
        List<CoapOption> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparingInt(CoapOption::number));
        options = List.copyOf(sorted);
        payload = payload.clone();
    }

    /**
     * A request with the given Uri-Path ({@code "/u"} or {@code "/meter/1"}), message ID 0 and an empty token: a
     * {@link CoapEndpoint} assigns both when it sends it.
     */
    public static CoapMessage request(CoapType type, CoapCode method, String uriPath, byte[] payload) {
        if (type != CoapType.CON && type != CoapType.NON) {
            throw new IllegalArgumentException("a request is CON or NON, not " + type);
        }
        if (!method.isRequest()) {
            throw new IllegalArgumentException(method + " is not a request method");
        }
        return new CoapMessage(type, method, 0, NONE, pathOptions(uriPath), payload);
    }

    /** An Empty ACK: acknowledges {@code messageId} without a response (RFC 7252 4.2, 5.2.2). */
    public static CoapMessage emptyAck(int messageId) {
        return new CoapMessage(CoapType.ACK, CoapCode.EMPTY, messageId, NONE, List.of(), NONE);
    }

    /** An RST rejecting {@code messageId} (RFC 7252 4.2, 4.3). */
    public static CoapMessage reset(int messageId) {
        return new CoapMessage(CoapType.RST, CoapCode.EMPTY, messageId, NONE, List.of(), NONE);
    }

    /** A response piggybacked on the ACK of a CON {@code request} (RFC 7252 5.2.1). */
    public static CoapMessage piggybackedResponse(CoapMessage request, CoapCode code, List<CoapOption> options,
            byte[] payload) {
        return new CoapMessage(CoapType.ACK, code, request.messageId(), request.token, options, payload);
    }

    /** The Uri-Path options of a path such as {@code "/u"}: one per non-empty segment (RFC 7252 6.4). */
    public static List<CoapOption> pathOptions(String uriPath) {
        List<CoapOption> options = new ArrayList<>();
        for (String segment : uriPath.split("/")) {
            if (!segment.isEmpty()) {
                options.add(CoapOption.uriPath(segment));
            }
        }
        return options;
    }

    public CoapMessage withMessageId(int id) {
        return new CoapMessage(type, code, id, token, options, payload);
    }

    public CoapMessage withToken(byte[] newToken) {
        return new CoapMessage(type, code, messageId, newToken, options, payload);
    }

    public CoapMessage withOption(CoapOption option) {
        List<CoapOption> more = new ArrayList<>(options);
        more.add(option);
        return new CoapMessage(type, code, messageId, token, more, payload);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int tokenLength() {
        return token.length;
    }

    public int payloadLength() {
        return payload.length;
    }

    public String payloadString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Every instance of option {@code number}, in order. */
    public List<CoapOption> options(int number) {
        return options.stream().filter(o -> o.number() == number).toList();
    }

    /** The Uri-Path as {@code "/u"} or {@code "/meter/1"}; {@code "/"} when there is none. */
    public String uriPath() {
        StringBuilder path = new StringBuilder();
        for (CoapOption segment : options(CoapOption.URI_PATH)) {
            path.append('/').append(segment.stringValue());
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** The Uri-Query arguments, e.g. {@code ["id=7", "full"]}. */
    public List<String> uriQuery() {
        return options(CoapOption.URI_QUERY).stream().map(CoapOption::stringValue).toList();
    }

    /** The Content-Format (RFC 7252 12.3), if present. */
    public OptionalInt contentFormat() {
        List<CoapOption> format = options(CoapOption.CONTENT_FORMAT);
        return format.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) format.get(0).uintValue());
    }

    /** The first option with an odd number not in {@code understood}: grounds for 4.02 Bad Option (RFC 7252 5.4.1). */
    public Optional<CoapOption> unrecognisedCriticalOption(Set<Integer> understood) {
        return options.stream().filter(o -> o.isCritical() && !understood.contains(o.number())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapMessage m && type == m.type && code.equals(m.code) && messageId == m.messageId
                && Arrays.equals(token, m.token) && options.equals(m.options) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, code, messageId, Arrays.hashCode(token), options, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return type + " " + code + " mid=" + messageId + " token=" + hex.formatHex(token) + " options=" + options
                + " payload=" + hex.formatHex(payload);
    }
}
