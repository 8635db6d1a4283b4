package org.metermesh.telemetry.coap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;

/**
 * The CoAP message and request/response layers of RFC 7252 4 and 5, sans I/O: meters and the gateway both run
 * it, the gateway with {@code P} = IPv6 address. Datagrams come in through {@link #receive} and go out through a
 * {@link CoapTransport}; time, timers and randomness come from the {@link Scheduler}, on whose thread every method
 * must be called.
 *
 * <p>Counters: {@code sent} (new datagrams), {@code retransmissions}, {@code timeouts}, {@code acks},
 * {@code resets} (RSTs received), {@code resets-sent}, {@code duplicates}, {@code evicted},
 * {@code handler-errors}, {@code queued} (waiting for NSTART, RFC 7252 4.7), {@code ignored:<why>} and
 * {@code rejected:<reason>} ({@link CoapRejection}).
 */
public final class CoapEndpoint<P> {

    /** Options this endpoint understands; any other critical option in a request gets 4.02 (RFC 7252 5.4.1). */
    static final Set<Integer> UNDERSTOOD = Set.of(CoapOption.URI_HOST, CoapOption.URI_PORT, CoapOption.URI_PATH,
            CoapOption.CONTENT_FORMAT, CoapOption.URI_QUERY, CoapOption.ACCEPT);

    private final Scheduler scheduler;
    private final CoapTransport<P> transport;
    private final CoapConfig config;
    private final Counters counters;
    private final CoapHandler<P> handler;
    private final CoapEndpointListener<P> listener;

    /** CON messages sent and not yet acknowledged, and NON requests (which an RST may answer), by message ID. */
    private final Map<MidKey<P>, Transmission> unacknowledged = new HashMap<>();
    /** Requests sent and waiting for their response, by token (RFC 7252 5.3.2). */
    private final Map<TokenKey<P>, Request> requests = new HashMap<>();
    /** Messages received, for duplicate detection (RFC 7252 4.5); insertion order, so the eldest go first. */
    private final LinkedHashMap<MidKey<P>, Received> received = new LinkedHashMap<>();
    /** Outstanding interactions per peer (RFC 7252 4.7), and the requests waiting for one to end. */
    private final Map<P, Integer> outstanding = new HashMap<>();
    private final Map<P, ArrayDeque<Request>> queued = new HashMap<>();

    private int nextMessageId;
    /**
     * Tokens count 1, 2, ... in their shortest encoding: one octet up to 255, two up to 65535 by default. Not 0,
     * the empty token: Wireshark does not pair requests and responses without a token.
     */
    private long nextToken = 1;
    private final long tokenLimit;
    private boolean closed;

    public CoapEndpoint(Scheduler scheduler, CoapTransport<P> transport, CoapConfig config, Counters counters,
            CoapHandler<P> handler, CoapEndpointListener<P> listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.listener = Objects.requireNonNull(listener, "listener");
        // RFC 7252 4.4: start message IDs at a random value so that a restarted endpoint does not repeat recent ones
        this.nextMessageId = scheduler.random().nextInt(0x10000);
        this.tokenLimit = config.maxTokenLength() == 8 ? Long.MAX_VALUE : (1L << (8 * config.maxTokenLength())) - 1;
    }

    public CoapConfig config() {
        return config;
    }

    public Counters counters() {
        return counters;
    }

    /**
     * Sends a request; its message ID and token are assigned here (those of {@code request} are ignored). A CON
     * request is retransmitted until acknowledged (RFC 7252 4.2); a NON one is sent once (4.3).
     *
     * @return completes with the response (piggybacked, separate or NON), or exceptionally with a
     *     {@link CoapException}: TIMEOUT, RESET or CLOSED
     */
    public CompletionStage<CoapMessage> request(P peer, CoapMessage request) {
        Objects.requireNonNull(peer, "peer");
        if (!request.code().isRequest() || (request.type() != CoapType.CON && request.type() != CoapType.NON)) {
            throw new IllegalArgumentException("not a CON or NON request: " + request);
        }
        CompletableFuture<CoapMessage> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new CoapException(CoapFailure.CLOSED, "endpoint closed"));
            return future;
        }
        Request pending = new Request(peer, request, future);
        if (outstanding.getOrDefault(peer, 0) >= config.nstart()) {
            counters.increment("queued");
            queued.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(pending);
        } else {
            start(pending);
        }
        return future;
    }

    /** Sends a request: its message ID and token are taken now, so they follow the order on the wire. */
    private void start(Request pending) {
        P peer = pending.peer;
        byte[] token = newToken(peer);
        CoapMessage message = pending.message.withMessageId(newMessageId()).withToken(token);
        pending.message = message;
        pending.tokenKey = new TokenKey<>(peer, TokenKey.value(token), token.length);
        requests.put(pending.tokenKey, pending);
        outstanding.merge(peer, 1, Integer::sum);
        pending.outstanding = true;
        Transmission transmission = new Transmission(peer, message, CoapCodec.encode(message), pending);
        pending.transmission = transmission;
        unacknowledged.put(new MidKey<>(peer, message.messageId()), transmission);
        // timers first: a transport may deliver synchronously, and the answer may come back before send returns
        if (message.type() == CoapType.CON) {
            transmission.startRetransmission();
        } else {
            pending.awaitResponse();
        }
        send(peer, transmission.datagram);
    }

    /** The interaction of {@code request} is no longer outstanding (RFC 7252 4.7): the next queued one may start. */
    private void release(Request request) {
        if (!request.outstanding) {
            return;
        }
        request.outstanding = false;
        P peer = request.peer;
        int left = outstanding.merge(peer, -1, Integer::sum);
        if (left <= 0) {
            outstanding.remove(peer);
        }
        ArrayDeque<Request> waiting = queued.get(peer);
        while (waiting != null && !waiting.isEmpty() && !closed
                && outstanding.getOrDefault(peer, 0) < config.nstart()) {
            Request next = waiting.poll();
            if (!next.future.isDone()) {  // a caller may have cancelled it while it waited
                start(next);
            }
        }
        if (waiting != null && waiting.isEmpty()) {
            queued.remove(peer);
        }
    }

    /** Handles one datagram from {@code peer}. Never throws for bad input: it is counted, reported and dropped. */
    public void receive(P peer, byte[] datagram) {
        if (closed) {
            counters.increment("ignored:closed");
            return;
        }
        CoapDecodeResult result = CoapCodec.decode(datagram);
        if (result instanceof CoapDecodeResult.Rejected rejected) {
            counters.increment(rejected.reason().counterName());
            listener.rejected(peer, rejected);
            OptionalInt mid = CoapCodec.confirmableMessageId(datagram);
            if (mid.isPresent()) {
                sendReset(peer, mid.getAsInt());  // RFC 7252 4.2: a CON with a format error is rejected
            }
            return;
        }
        CoapMessage message = ((CoapDecodeResult.Decoded) result).message();
        switch (message.type()) {
            case ACK -> onAcknowledgement(peer, message);
            case RST -> onReset(peer, message);
            case CON, NON -> {
                if (message.code().isEmpty()) {
                    onEmpty(peer, message);
                } else if (message.code().isRequest()) {
                    onRequest(peer, message);
                } else {
                    onResponse(peer, message);
                }
            }
        }
    }

    /** Stops every timer and fails every pending request with CLOSED. Later datagrams are ignored. */
    public void close() {
        closed = true;
        for (Transmission t : List.copyOf(unacknowledged.values())) {
            t.cancelTimer();
        }
        unacknowledged.clear();
        for (Request r : List.copyOf(requests.values())) {
            r.fail(CoapFailure.CLOSED, "endpoint closed");
        }
        for (ArrayDeque<Request> waiting : List.copyOf(queued.values())) {
            for (Request r : waiting) {
                r.fail(CoapFailure.CLOSED, "endpoint closed");
            }
        }
        queued.clear();
        outstanding.clear();
        for (Received r : received.values()) {
            if (r.ackTimer != null) {
                r.ackTimer.cancel();
            }
        }
        received.clear();
    }

    /** Requests waiting for a response, including those waiting for their turn (NSTART). */
    public int pendingRequests() {
        return requests.size() + queued.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** (peer, message ID) pairs remembered for duplicate detection. */
    public int rememberedExchanges() {
        return received.size();
    }

    // ---- message layer: ACK, RST, Empty (RFC 7252 4)

    private void onAcknowledgement(P peer, CoapMessage ack) {
        Transmission transmission = unacknowledged.get(new MidKey<>(peer, ack.messageId()));
        if (transmission == null || transmission.message.type() != CoapType.CON) {
            counters.increment("ignored:unexpected-ack");
            return;
        }
        transmission.acknowledged();
        counters.increment("acks");
        Request request = transmission.request;
        if (request == null) {
            return;  // a separate response of ours got through
        }
        if (ack.code().isEmpty()) {
            request.awaitResponse();  // RFC 7252 5.2.2: the response will come separately
            release(request);  // acknowledged, so no longer outstanding (RFC 7252 4.7)
        } else if (ack.code().isResponse() && Arrays.equals(ack.token(), request.message.token())) {
            request.complete(ack);
        } else {
            counters.increment("ignored:ack-token-mismatch");
            request.awaitResponse();
            release(request);
        }
    }

    private void onReset(P peer, CoapMessage reset) {
        Transmission transmission = unacknowledged.get(new MidKey<>(peer, reset.messageId()));
        if (transmission == null) {
            counters.increment("ignored:unexpected-reset");
            return;
        }
        transmission.acknowledged();
        counters.increment("resets");
        if (transmission.request != null) {
            transmission.request.fail(CoapFailure.RESET, "rejected by " + peer);
        }
    }

    private void onEmpty(P peer, CoapMessage empty) {
        if (empty.type() == CoapType.CON) {
            counters.increment("pings");
            sendReset(peer, empty.messageId());  // RFC 7252 4.3: a CoAP ping is answered with an RST
        } else {
            counters.increment("ignored:empty-non");
        }
    }

    private void sendReset(P peer, int messageId) {
        counters.increment("resets-sent");
        send(peer, CoapCodec.encode(CoapMessage.reset(messageId)));
    }

    // ---- duplicate detection (RFC 7252 4.5)

    /** The record of an earlier message with this key, or null if new; counts and answers duplicates. */
    private Received duplicateOf(MidKey<P> key, CoapMessage message) {
        Received earlier = received.get(key);
        if (earlier != null && earlier.expiresAt - scheduler.nanoTime() <= 0) {
            received.remove(key);
            earlier = null;
        }
        if (earlier == null) {
            return null;
        }
        counters.increment("duplicates");
        if (message.type() == CoapType.CON) {
            if (earlier.reply == null && earlier.exchange != null) {
                sendEmptyAck(earlier);  // still working on it: the peer retransmits, so stop it with an Empty ACK
            } else if (earlier.reply != null) {
                send(key.peer, earlier.reply);
            }
        }
        return earlier;
    }

    private Received remember(MidKey<P> key, CoapMessage message) {
        long now = scheduler.nanoTime();
        Duration lifetime = message.type() == CoapType.CON ? config.exchangeLifetime() : config.nonLifetime();
        Received entry = new Received(key, now + lifetime.toNanos());
        // forget what has expired at the head, then the eldest beyond the bound
        for (Iterator<Received> it = received.values().iterator(); it.hasNext(); ) {
            Received eldest = it.next();
            if (eldest.expiresAt - now > 0 && received.size() < config.maxRememberedExchanges()) {
                break;
            }
            if (eldest.expiresAt - now > 0) {
                counters.increment("evicted");
            }
            it.remove();
        }
        received.put(key, entry);
        return entry;
    }

    // ---- server side (RFC 7252 5.2)

    private void onRequest(P peer, CoapMessage request) {
        MidKey<P> key = new MidKey<>(peer, request.messageId());
        if (duplicateOf(key, request) != null) {
            return;
        }
        Received entry = remember(key, request);
        CoapExchange<P> exchange = new CoapExchange<>(peer, request, (ex, code, options, payload) ->
                respond(entry, ex, code, options, payload));
        entry.exchange = exchange;
        var badOption = request.unrecognisedCriticalOption(UNDERSTOOD);
        if (badOption.isPresent()) {
            counters.increment("bad-option");
            exchange.respond(CoapCode.BAD_OPTION, ("critical option " + badOption.get().number() + " not understood")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            counters.increment("handler-errors");
            listener.handlerFailed(peer, request, e);
            if (!exchange.isResponded()) {
                exchange.respond(CoapCode.INTERNAL_SERVER_ERROR, new byte[0]);
            }
        }
        if (request.type() == CoapType.CON && !exchange.isResponded() && entry.reply == null) {
            entry.ackTimer = scheduler.schedule(config.separateAckDelay(), () -> {
                entry.ackTimer = null;
                if (!closed && entry.reply == null) {
                    sendEmptyAck(entry);
                }
            });
        }
    }

    private void sendEmptyAck(Received entry) {
        if (entry.ackTimer != null) {
            entry.ackTimer.cancel();
            entry.ackTimer = null;
        }
        entry.reply = CoapCodec.encode(CoapMessage.emptyAck(entry.key.messageId));
        send(entry.key.peer, entry.reply);
    }

    private void respond(Received entry, CoapExchange<P> exchange, CoapCode code, List<CoapOption> options,
            byte[] payload) {
        if (closed) {
            counters.increment("ignored:closed");
            return;
        }
        CoapMessage request = exchange.request();
        P peer = exchange.peer();
        if (request.type() == CoapType.CON && entry.reply == null) {
            if (entry.ackTimer != null) {
                entry.ackTimer.cancel();
                entry.ackTimer = null;
            }
            entry.reply = CoapCodec.encode(CoapMessage.piggybackedResponse(request, code, options, payload));
            send(peer, entry.reply);
            return;
        }
        // RFC 7252 5.2.2 separate response (CON, so it survives loss) or 5.2.3 NON response to a NON request
        CoapType type = request.type() == CoapType.CON ? CoapType.CON : CoapType.NON;
        CoapMessage response = new CoapMessage(type, code, newMessageId(), request.token(), options, payload);
        Transmission transmission = new Transmission(peer, response, CoapCodec.encode(response), null);
        if (type == CoapType.CON) {
            unacknowledged.put(new MidKey<>(peer, response.messageId()), transmission);
            transmission.startRetransmission();
        }
        send(peer, transmission.datagram);
    }

    // ---- client side (RFC 7252 5.3.2)

    private void onResponse(P peer, CoapMessage response) {
        MidKey<P> key = new MidKey<>(peer, response.messageId());
        if (duplicateOf(key, response) != null) {
            return;
        }
        Received entry = remember(key, response);
        byte[] token = response.token();
        Request request = requests.get(new TokenKey<>(peer, TokenKey.value(token), token.length));
        if (request == null) {
            counters.increment("ignored:unexpected-response");
            if (response.type() == CoapType.CON) {
                entry.reply = CoapCodec.encode(CoapMessage.reset(response.messageId()));
                counters.increment("resets-sent");
                send(peer, entry.reply);  // RFC 7252 5.3.2: reject an unexpected CON response
            }
            return;
        }
        if (response.type() == CoapType.CON) {
            sendEmptyAck(entry);
        }
        Transmission transmission = request.transmission;
        if (transmission != null && unacknowledged.get(transmission.key()) == transmission) {
            transmission.acknowledged();  // RFC 7252 5.2.2: the response implies the lost ACK
        }
        request.complete(response);
    }

    // ---- identifiers

    private int newMessageId() {
        int id = nextMessageId;
        nextMessageId = (nextMessageId + 1) & 0xffff;
        return id;
    }

    /** The next token counter value not in use towards {@code peer}, in its shortest encoding. */
    private byte[] newToken(P peer) {
        for (int attempts = 0; ; attempts++) {
            long value = nextToken;
            nextToken = nextToken == tokenLimit ? 1 : nextToken + 1;
            byte[] token = TokenKey.encode(value);
            if (!requests.containsKey(new TokenKey<>(peer, value, token.length)) || attempts > requests.size()) {
                return token;
            }
        }
    }

    private void send(P peer, byte[] datagram) {
        counters.increment("sent");
        transport.send(peer, datagram);
    }

    private record MidKey<P>(P peer, int messageId) {
    }

    private record TokenKey<P>(P peer, long value, int length) {
        static long value(byte[] token) {
            long value = 0;
            for (byte b : token) {
                value = value << 8 | (b & 0xff);
            }
            return value;
        }

        static byte[] encode(long value) {
            int length = 0;
            for (long v = value; v != 0; v >>>= 8) {
                length++;
            }
            byte[] token = new byte[length];
            for (int i = 0; i < length; i++) {
                token[length - 1 - i] = (byte) (value >>> (8 * i));
            }
            return token;
        }
    }

    /** A message received, remembered for duplicate detection, with the reply to repeat for a duplicate CON. */
    private final class Received {
        final MidKey<P> key;
        final long expiresAt;
        byte[] reply;
        CoapExchange<P> exchange;
        Cancellable ackTimer;

        Received(MidKey<P> key, long expiresAt) {
            this.key = key;
            this.expiresAt = expiresAt;
        }
    }

    /** One message we sent that expects an ACK (CON) or possibly an RST (NON request). */
    private final class Transmission {
        final P peer;
        final CoapMessage message;
        final byte[] datagram;
        final Request request;
        int retransmissions;
        long timeoutNanos;
        Cancellable timer;

        Transmission(P peer, CoapMessage message, byte[] datagram, Request request) {
            this.peer = peer;
            this.message = message;
            this.datagram = datagram;
            this.request = request;
        }

        MidKey<P> key() {
            return new MidKey<>(peer, message.messageId());
        }

        /** RFC 7252 4.2: the first timeout is random in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR). */
        void startRetransmission() {
            double factor = 1 + scheduler.random().nextDouble() * (config.ackRandomFactor() - 1);
            timeoutNanos = Math.round(config.ackTimeout().toNanos() * factor);
            timer = scheduler.schedule(Duration.ofNanos(timeoutNanos), this::onTimeout);
        }

        /** RFC 7252 4.2: retransmit with a doubled timeout, until MAX_RETRANSMIT; then give up. */
        private void onTimeout() {
            timer = null;
            if (retransmissions >= config.maxRetransmit()) {
                unacknowledged.remove(key());
                counters.increment("timeouts");
                if (request != null) {
                    request.fail(CoapFailure.TIMEOUT, "no ACK from " + peer + " after " + retransmissions
                            + " retransmissions");
                }
                return;
            }
            retransmissions++;
            counters.increment("retransmissions");
            transport.send(peer, datagram);
            timeoutNanos *= 2;
            timer = scheduler.schedule(Duration.ofNanos(timeoutNanos), this::onTimeout);
        }

        void acknowledged() {
            unacknowledged.remove(key());
            cancelTimer();
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    /** A request of ours waiting for its turn or for its response. */
    private final class Request {
        final P peer;
        final CompletableFuture<CoapMessage> future;
        CoapMessage message;
        TokenKey<P> tokenKey;
        Transmission transmission;
        Cancellable responseTimer;
        boolean outstanding;

        Request(P peer, CoapMessage message, CompletableFuture<CoapMessage> future) {
            this.peer = peer;
            this.message = message;
            this.future = future;
        }

        void awaitResponse() {
            responseTimer = scheduler.schedule(config.responseTimeout(), () -> {
                responseTimer = null;
                counters.increment("timeouts");
                fail(CoapFailure.TIMEOUT, "no response from " + peer + " within "
                        + config.responseTimeout());
            });
        }

        void complete(CoapMessage response) {
            finish();
            future.complete(response);
        }

        void fail(CoapFailure failure, String why) {
            finish();
            future.completeExceptionally(new CoapException(failure, why + ": " + message));
        }

        /** Forgets the request before its stage completes, so that callbacks may send new ones. */
        private void finish() {
            if (tokenKey != null) {
                requests.remove(tokenKey, this);
            }
            if (responseTimer != null) {
                responseTimer.cancel();
                responseTimer = null;
            }
            if (transmission != null && unacknowledged.get(transmission.key()) == transmission) {
                transmission.acknowledged();
            }
            release(this);
        }
    }
}
