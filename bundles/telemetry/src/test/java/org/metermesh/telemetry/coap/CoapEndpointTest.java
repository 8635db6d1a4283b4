package org.metermesh.telemetry.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;

/** The RFC 7252 4 and 5 behaviour of one endpoint, driven datagram by datagram in virtual time. */
class CoapEndpointTest {

    static final String PEER = "meter-7";
    static final long SECOND = 1_000_000_000L;

    record Sent(long at, String peer, byte[] datagram) {
        CoapMessage message() {
            return ((CoapDecodeResult.Decoded) CoapCodec.decode(datagram)).message();
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler(42);
    final List<Sent> sent = new ArrayList<>();
    final Counters counters = new Counters();
    final List<CoapExchange<String>> handled = new ArrayList<>();
    final List<CoapDecodeResult.Rejected> rejections = new ArrayList<>();
    final List<RuntimeException> handlerFailures = new ArrayList<>();
    /** What the handler does with each request; by default answers 2.04 "ok" at once. */
    CoapHandler<String> behaviour = exchange -> exchange.respond(CoapCode.CHANGED, bytes("ok"));

    final CoapEndpointListener<String> listener = new CoapEndpointListener<>() {
        @Override
        public void rejected(String peer, CoapDecodeResult.Rejected rejection) {
            rejections.add(rejection);
        }

        @Override
        public void handlerFailed(String peer, CoapMessage request, RuntimeException failure) {
            handlerFailures.add(failure);
        }
    };

    CoapEndpoint<String> endpoint(CoapConfig config) {
        return new CoapEndpoint<>(scheduler, (peer, datagram) -> sent.add(new Sent(scheduler.nanoTime(), peer,
                datagram)), config, counters, exchange -> {
                    handled.add(exchange);
                    behaviour.handle(exchange);
                }, listener);
    }

    final CoapEndpoint<String> endpoint = endpoint(CoapConfig.DEFAULTS);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static CoapMessage post(CoapType type) {
        return CoapMessage.request(type, CoapCode.POST, "/u", bytes("kWh=1"));
    }

    static byte[] wire(CoapMessage m) {
        return CoapCodec.encode(m);
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    static CoapFailure failureOf(CompletableFuture<CoapMessage> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.join();
        } catch (CompletionException e) {
            return ((CoapException) e.getCause()).failure();
        }
        throw new AssertionError("not failed");
    }

    // ---- client: CON retransmission (RFC 7252 4.2)

    @Test
    void conRetransmitsWithRandomisedDoublingTimeoutsThenTimesOut() {
        for (long seed = 1; seed <= 20; seed++) {
            VirtualScheduler clock = new VirtualScheduler(seed);
            List<Long> times = new ArrayList<>();
            Counters c = new Counters();
            CoapEndpoint<String> e = new CoapEndpoint<>(clock, (p, d) -> times.add(clock.nanoTime()),
                    CoapConfig.DEFAULTS, c, CoapHandler.notFound(), new CoapEndpointListener<>() { });
            CompletableFuture<CoapMessage> f = e.request(PEER, post(CoapType.CON)).toCompletableFuture();
            clock.runFor(Duration.ofSeconds(61));
            assertThat(f).as("62 s is the earliest give-up (31 x 2 s)").isNotDone();
            clock.runFor(Duration.ofSeconds(40));
            assertThat(times).hasSize(5);
            long t0 = times.get(1);
            assertThat(t0).as("first timeout in [ACK_TIMEOUT, ACK_TIMEOUT x 1.5)")
                    .isBetween(2 * SECOND, 3 * SECOND - 1);
            assertThat(times).containsExactly(0L, t0, 3 * t0, 7 * t0, 15 * t0);
            assertThat(failureOf(f)).isEqualTo(CoapFailure.TIMEOUT);
            assertThat(c.get("retransmissions")).isEqualTo(4);
            assertThat(c.get("timeouts")).isEqualTo(1);
            assertThat(c.get("sent")).isEqualTo(1);
            assertThat(e.pendingRequests()).isZero();
            assertThat(clock.pending()).isZero();
        }
    }

    @Test
    void theTimeoutFailsExactlyAfterTheLastTimeoutDoubled() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        scheduler.runFor(Duration.ofSeconds(60));
        long t0 = sent.get(1).at();
        scheduler.runUntil(31 * t0 - 1);
        assertThat(f).isNotDone();
        scheduler.runUntil(31 * t0);
        assertThat(failureOf(f)).isEqualTo(CoapFailure.TIMEOUT);
    }

    @Test
    void configuredParametersChangeTheSchedule() {
        CoapConfig fast = new CoapConfig(Duration.ofMillis(500), 1.0, 2, 1, Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(5), 16, 1);
        CoapEndpoint<String> e = endpoint(fast);
        CompletableFuture<CoapMessage> f = e.request(PEER, post(CoapType.CON)).toCompletableFuture();
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(sent).extracting(Sent::at).containsExactly(0L, SECOND / 2, 3 * SECOND / 2);
        assertThat(failureOf(f)).isEqualTo(CoapFailure.TIMEOUT);
        assertThat(fast.maxTransmitWait()).isEqualTo(Duration.ofMillis(3500));
        assertThat(CoapConfig.DEFAULTS.maxTransmitSpan()).isEqualTo(Duration.ofSeconds(45));
        assertThat(CoapConfig.DEFAULTS.maxTransmitWait()).isEqualTo(Duration.ofSeconds(93));
        assertThat(CoapConfig.DEFAULTS.exchangeLifetime()).isEqualTo(Duration.ofSeconds(247));
        assertThat(CoapConfig.DEFAULTS.nonLifetime()).isEqualTo(Duration.ofSeconds(145));
    }

    @Test
    void piggybackedResponseCompletesTheRequestAndStopsRetransmission() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CoapMessage request = sent.get(0).message();
        assertThat(request.uriPath()).isEqualTo("/u");
        scheduler.runFor(Duration.ofSeconds(1));
        endpoint.receive(PEER, wire(CoapMessage.piggybackedResponse(request, CoapCode.CHANGED, List.of(),
                bytes("done"))));
        assertThat(f).isCompleted();
        assertThat(f.join().code()).isEqualTo(CoapCode.CHANGED);
        assertThat(f.join().payloadString()).isEqualTo("done");
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(sent).hasSize(1);
        assertThat(counters.get("acks")).isEqualTo(1);
        assertThat(counters.get("retransmissions")).isZero();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void anAckFromAnotherPeerOrForAnotherIdIsIgnored() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CoapMessage request = sent.get(0).message();
        endpoint.receive("meter-8", wire(CoapMessage.emptyAck(request.messageId())));
        endpoint.receive(PEER, wire(CoapMessage.emptyAck((request.messageId() + 1) & 0xffff)));
        assertThat(counters.get("ignored:unexpected-ack")).isEqualTo(2);
        scheduler.runFor(Duration.ofSeconds(4));
        assertThat(counters.get("retransmissions")).isEqualTo(1);
        assertThat(f).isNotDone();
    }

    @Test
    void resetFailsTheRequest() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        endpoint.receive(PEER, wire(CoapMessage.reset(sent.get(0).message().messageId())));
        assertThat(failureOf(f)).isEqualTo(CoapFailure.RESET);
        assertThat(counters.get("resets")).isEqualTo(1);
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(sent).hasSize(1);
        assertThat(endpoint.pendingRequests()).isZero();
    }

    // ---- client: separate responses (RFC 7252 5.2.2)

    @Test
    void emptyAckThenSeparateConResponseWhichIsAcknowledged() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CoapMessage request = sent.get(0).message();
        endpoint.receive(PEER, wire(CoapMessage.emptyAck(request.messageId())));
        scheduler.runFor(Duration.ofSeconds(30));
        assertThat(sent).as("no retransmission after the Empty ACK").hasSize(1);
        assertThat(f).isNotDone();

        CoapMessage response = new CoapMessage(CoapType.CON, CoapCode.CHANGED, 0x0999, request.token(), List.of(),
                bytes("stored"));
        endpoint.receive(PEER, wire(response));
        assertThat(f.join().payloadString()).isEqualTo("stored");
        assertThat(last().message()).isEqualTo(CoapMessage.emptyAck(0x0999));

        // the peer did not get our ACK and retransmits: the same ACK again, the request is not completed twice
        endpoint.receive(PEER, wire(response));
        assertThat(sent).hasSize(3);
        assertThat(last().message()).isEqualTo(CoapMessage.emptyAck(0x0999));
        assertThat(counters.get("duplicates")).isEqualTo(1);
        assertThat(counters.get("ignored:unexpected-response")).isZero();
    }

    @Test
    void aSeparateResponseImpliesTheLostAck() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CoapMessage request = sent.get(0).message();
        endpoint.receive(PEER, wire(new CoapMessage(CoapType.NON, CoapCode.CONTENT, 5, request.token(), List.of(),
                bytes("x"))));
        assertThat(f).isCompleted();
        scheduler.runFor(Duration.ofMinutes(2));
        assertThat(sent).as("no retransmission, no ACK for a NON response").hasSize(1);
    }

    @Test
    void noSeparateResponseWithinTheResponseTimeoutIsATimeout() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        scheduler.runFor(Duration.ofSeconds(1));
        endpoint.receive(PEER, wire(CoapMessage.emptyAck(sent.get(0).message().messageId())));
        scheduler.runFor(Duration.ofSeconds(92));
        assertThat(f).isNotDone();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(failureOf(f)).isEqualTo(CoapFailure.TIMEOUT);
    }

    @Test
    void anUnexpectedConResponseIsReset() {
        endpoint.receive(PEER, wire(new CoapMessage(CoapType.CON, CoapCode.CONTENT, 77, new byte[] {9}, List.of(),
                bytes("?"))));
        assertThat(last().message()).isEqualTo(CoapMessage.reset(77));
        endpoint.receive(PEER, wire(new CoapMessage(CoapType.NON, CoapCode.CONTENT, 78, new byte[] {9}, List.of(),
                bytes("?"))));
        assertThat(sent).hasSize(1);
        assertThat(counters.get("ignored:unexpected-response")).isEqualTo(2);
    }

    // ---- client: NON (RFC 7252 4.3)

    @Test
    void nonRequestIsSentOnceAndMatchedByToken() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.NON)).toCompletableFuture();
        CoapMessage request = sent.get(0).message();
        assertThat(request.type()).isEqualTo(CoapType.NON);
        scheduler.runFor(Duration.ofSeconds(30));
        assertThat(sent).hasSize(1);
        endpoint.receive(PEER, wire(new CoapMessage(CoapType.NON, CoapCode.CHANGED, 3, request.token(), List.of(),
                new byte[0])));
        assertThat(f.join().code()).isEqualTo(CoapCode.CHANGED);
        assertThat(sent).hasSize(1);
    }

    @Test
    void nonRequestWithoutResponseTimesOutAndAnRstFailsIt() {
        CompletableFuture<CoapMessage> silent = endpoint.request(PEER, post(CoapType.NON)).toCompletableFuture();
        CompletableFuture<CoapMessage> rejected = endpoint.request("meter-8", post(CoapType.NON))
                .toCompletableFuture();
        endpoint.receive("meter-8", wire(CoapMessage.reset(sent.get(1).message().messageId())));
        assertThat(failureOf(rejected)).isEqualTo(CoapFailure.RESET);
        scheduler.runFor(Duration.ofSeconds(93));
        assertThat(failureOf(silent)).isEqualTo(CoapFailure.TIMEOUT);
        assertThat(sent).hasSize(2);
        assertThat(counters.get("retransmissions")).isZero();
    }

    // ---- identifiers (RFC 7252 4.4, 5.3.1)

    @Test
    void messageIdsCountUpFromARandomStartAndTokensTakeTheShortestEncoding() {
        for (int i = 0; i < 300; i++) {
            endpoint.request("meter-" + i, post(CoapType.NON));
        }
        int first = sent.get(0).message().messageId();
        for (int i = 0; i < 300; i++) {
            assertThat(sent.get(i).message().messageId()).isEqualTo((first + i) & 0xffff);
        }
        assertThat(sent.get(0).message().token()).containsExactly(1);
        assertThat(sent.get(254).message().token()).containsExactly(0xff);
        assertThat(sent.get(255).message().token()).containsExactly(1, 0);
        List<Integer> starts = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            new CoapEndpoint<String>(new VirtualScheduler(seed), (p, d) -> starts.add(
                    ((CoapDecodeResult.Decoded) CoapCodec.decode(d)).message().messageId()), CoapConfig.DEFAULTS,
                    new Counters(), CoapHandler.notFound(), new CoapEndpointListener<>() { })
                    .request(PEER, post(CoapType.NON));
        }
        assertThat(starts).as("random start per endpoint (RFC 7252 4.4)").doesNotHaveDuplicates();
    }

    @Test
    void tokensInUseTowardsAPeerAreSkippedWhenTheCounterWraps() {
        CoapConfig oneOctet = new CoapConfig(Duration.ofSeconds(2), 1.5, 4, 300, Duration.ofSeconds(100),
                Duration.ofSeconds(1), Duration.ofSeconds(93), 16, 1);
        CoapEndpoint<String> e = endpoint(oneOctet);
        e.request(PEER, post(CoapType.NON));  // token 1, left pending
        for (int i = 2; i <= 255; i++) {
            CompletableFuture<CoapMessage> f = e.request(PEER, post(CoapType.NON)).toCompletableFuture();
            CoapMessage r = last().message();
            assertThat(r.token()).containsExactly(i);
            e.receive(PEER, wire(new CoapMessage(CoapType.NON, CoapCode.CHANGED, i, r.token(), List.of(),
                    new byte[0])));
            assertThat(f).isCompleted();
        }
        e.request(PEER, post(CoapType.NON));
        assertThat(last().message().token()).as("wrapped past 0 to 1, still pending, so 2").containsExactly(2);
        e.request("meter-8", post(CoapType.NON));
        assertThat(last().message().token()).as("3 is free towards every peer").containsExactly(3);
    }

    // ---- server: piggybacked responses and duplicate detection (RFC 7252 4.5, 5.2.1)

    static CoapMessage incoming(CoapType type, int mid) {
        return post(type).withMessageId(mid).withToken(new byte[] {0x42});
    }

    @Test
    void duplicateConGetsTheSameAckWithoutCallingTheHandlerAgain() {
        CoapMessage request = incoming(CoapType.CON, 0x1000);
        endpoint.receive(PEER, wire(request));
        assertThat(handled).hasSize(1);
        assertThat(handled.get(0).request()).isEqualTo(request);
        CoapMessage ack = last().message();
        assertThat(ack).isEqualTo(CoapMessage.piggybackedResponse(request, CoapCode.CHANGED, List.of(), bytes("ok")));
        scheduler.runFor(Duration.ofSeconds(3));
        endpoint.receive(PEER, wire(request));
        scheduler.runFor(Duration.ofSeconds(200));
        endpoint.receive(PEER, wire(request));
        assertThat(handled).hasSize(1);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).datagram()).isEqualTo(sent.get(0).datagram());
        assertThat(sent.get(2).datagram()).isEqualTo(sent.get(0).datagram());
        assertThat(counters.get("duplicates")).isEqualTo(2);
    }

    @Test
    void theSameMessageIdFromAnotherPeerOrAfterTheLifetimeIsNew() {
        CoapMessage request = incoming(CoapType.CON, 0x1000);
        endpoint.receive(PEER, wire(request));
        endpoint.receive("meter-8", wire(request));
        assertThat(handled).hasSize(2);
        scheduler.runFor(CoapConfig.DEFAULTS.exchangeLifetime());
        endpoint.receive(PEER, wire(request));
        assertThat(handled).as("EXCHANGE_LIFETIME (247 s) has passed").hasSize(3);

        CoapMessage non = incoming(CoapType.NON, 0x2000);
        endpoint.receive(PEER, wire(non));
        scheduler.runFor(CoapConfig.DEFAULTS.nonLifetime().minusNanos(1));
        endpoint.receive(PEER, wire(non));
        assertThat(handled).as("duplicate within NON_LIFETIME").hasSize(4);
        scheduler.runFor(Duration.ofNanos(1));
        endpoint.receive(PEER, wire(non));
        assertThat(handled).as("NON_LIFETIME (145 s) has passed").hasSize(5);
    }

    @Test
    void nonRequestGetsANonResponseWithItsTokenAndANewMessageId() {
        CoapMessage request = incoming(CoapType.NON, 0x1000);
        endpoint.receive(PEER, wire(request));
        CoapMessage response = last().message();
        assertThat(response.type()).isEqualTo(CoapType.NON);
        assertThat(response.code()).isEqualTo(CoapCode.CHANGED);
        assertThat(response.token()).containsExactly(0x42);
        endpoint.receive(PEER, wire(request));
        assertThat(handled).hasSize(1);
        assertThat(sent).as("a duplicate NON is dropped").hasSize(1);
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(sent).as("a NON response is not retransmitted").hasSize(1);
    }

    // ---- server: asynchronous handlers and separate responses (RFC 7252 5.2.2)

    @Test
    void aSlowHandlerGetsAnEmptyAckAndItsResponseGoesSeparatelyUntilAcknowledged() {
        behaviour = exchange -> { };  // answers later, e.g. after a durable write
        CoapMessage request = incoming(CoapType.CON, 0x1000);
        endpoint.receive(PEER, wire(request));
        assertThat(sent).isEmpty();
        scheduler.runFor(Duration.ofMillis(999));
        assertThat(sent).isEmpty();
        scheduler.runFor(Duration.ofMillis(1));
        assertThat(last().message()).isEqualTo(CoapMessage.emptyAck(0x1000));
        assertThat(last().at()).isEqualTo(SECOND);

        // the peer's retransmission crossed our Empty ACK: the same Empty ACK, no second handler call
        endpoint.receive(PEER, wire(request));
        assertThat(handled).hasSize(1);
        assertThat(last().message()).isEqualTo(CoapMessage.emptyAck(0x1000));

        scheduler.runFor(Duration.ofSeconds(10));
        handled.get(0).respond(CoapCode.CHANGED, bytes("stored"));
        CoapMessage separate = last().message();
        assertThat(separate.type()).isEqualTo(CoapType.CON);
        assertThat(separate.code()).isEqualTo(CoapCode.CHANGED);
        assertThat(separate.token()).containsExactly(0x42);
        assertThat(separate.messageId()).isNotEqualTo(0x1000);
        assertThat(separate.payloadString()).isEqualTo("stored");
        int before = sent.size();
        scheduler.runFor(Duration.ofSeconds(4));
        assertThat(sent).as("retransmitted while not acknowledged").hasSize(before + 1);
        endpoint.receive(PEER, wire(CoapMessage.emptyAck(separate.messageId())));
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(sent).hasSize(before + 1);
        assertThat(counters.get("acks")).isEqualTo(1);
    }

    @Test
    void aDuplicateWhileTheHandlerWorksIsAckedAtOnce() {
        behaviour = exchange -> { };
        CoapMessage request = incoming(CoapType.CON, 0x1000);
        endpoint.receive(PEER, wire(request));
        scheduler.runFor(Duration.ofMillis(500));
        endpoint.receive(PEER, wire(request));
        assertThat(sent).extracting(Sent::message).containsExactly(CoapMessage.emptyAck(0x1000));
        scheduler.runFor(Duration.ofSeconds(2));
        assertThat(sent).as("the delayed Empty ACK is not sent again").hasSize(1);
        handled.get(0).respond(CoapCode.CHANGED, new byte[0]);
        assertThat(last().message().type()).isEqualTo(CoapType.CON);
    }

    @Test
    void aHandlerThatAnswersBeforeTheDelayIsPiggybackedEvenIfAsynchronous() {
        behaviour = exchange -> scheduler.schedule(Duration.ofMillis(300),
                () -> exchange.respond(CoapCode.CHANGED, bytes("late but in time")));
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1000)));
        scheduler.runFor(Duration.ofSeconds(5));
        assertThat(sent).hasSize(1);
        assertThat(last().message().type()).isEqualTo(CoapType.ACK);
        assertThat(last().message().payloadString()).isEqualTo("late but in time");
    }

    @Test
    void respondingTwiceIsRefused() {
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1000)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handled.get(0).respond(CoapCode.CHANGED,
                new byte[0])).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handled.get(0).respond(CoapCode.GET,
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThrowingHandlerIsReportedAndAnswered500() {
        behaviour = exchange -> {
            throw new IllegalStateException("store unavailable");
        };
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1000)));
        assertThat(last().message().code()).isEqualTo(CoapCode.INTERNAL_SERVER_ERROR);
        assertThat(handlerFailures).extracting(Throwable::getMessage).containsExactly("store unavailable");
        assertThat(counters.get("handler-errors")).isEqualTo(1);
    }

    @Test
    void anUnrecognisedCriticalOptionIsAnswered402WithoutTheHandler() {
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1000).withOption(new CoapOption(2049, new byte[1]))));
        assertThat(handled).isEmpty();
        assertThat(last().message().code()).isEqualTo(CoapCode.BAD_OPTION);
        // an elective (even) unknown option is ignored (RFC 7252 5.4.1)
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1001).withOption(new CoapOption(2048, new byte[1]))));
        assertThat(handled).hasSize(1);
    }

    // ---- bounded memory

    @Test
    void rememberedExchangesAreBoundedAndTheOldestEvicted() {
        CoapConfig small = new CoapConfig(Duration.ofSeconds(2), 1.5, 4, 1, Duration.ofSeconds(100),
                Duration.ofSeconds(1), Duration.ofSeconds(93), 3, 2);
        CoapEndpoint<String> e = endpoint(small);
        for (int mid = 1; mid <= 5; mid++) {
            e.receive(PEER, wire(incoming(CoapType.CON, mid)));
        }
        assertThat(e.rememberedExchanges()).isEqualTo(3);
        assertThat(counters.get("evicted")).isEqualTo(2);
        e.receive(PEER, wire(incoming(CoapType.CON, 5)));
        assertThat(handled).as("5 is remembered").hasSize(5);
        e.receive(PEER, wire(incoming(CoapType.CON, 1)));
        assertThat(handled).as("1 was evicted, so its duplicate is served again").hasSize(6);
        assertThat(e.rememberedExchanges()).isEqualTo(3);
    }

    @Test
    void expiredExchangesAreForgottenWithoutCountingEvictions() {
        CoapConfig small = new CoapConfig(Duration.ofSeconds(2), 1.5, 4, 1, Duration.ofSeconds(100),
                Duration.ofSeconds(1), Duration.ofSeconds(93), 3, 2);
        CoapEndpoint<String> e = endpoint(small);
        for (int mid = 1; mid <= 3; mid++) {
            e.receive(PEER, wire(incoming(CoapType.NON, mid)));
        }
        scheduler.runFor(small.nonLifetime());
        e.receive(PEER, wire(incoming(CoapType.NON, 4)));
        assertThat(e.rememberedExchanges()).isEqualTo(1);
        assertThat(counters.get("evicted")).isZero();
    }

    // ---- bad input (RFC 7252 3, 4.2, 4.3)

    @Test
    void rejectedDatagramsAreCountedReportedAndConOnesReset() {
        endpoint.receive(PEER, new byte[] {0x40, 0x01});
        endpoint.receive(PEER, new byte[] {(byte) 0x80, 0x01, 0x12, 0x34});
        endpoint.receive(PEER, new byte[] {0x49, 0x01, 0x12, 0x35});
        endpoint.receive(PEER, new byte[] {0x50, 0x01, 0x12, 0x36, (byte) 0xff});
        assertThat(rejections).extracting(CoapDecodeResult.Rejected::reason).containsExactly(
                CoapRejection.TOO_SHORT, CoapRejection.BAD_VERSION, CoapRejection.BAD_TOKEN_LENGTH,
                CoapRejection.EMPTY_PAYLOAD_AFTER_MARKER);
        assertThat(counters.get("rejected:too_short")).isEqualTo(1);
        assertThat(counters.get("rejected:bad_version")).isEqualTo(1);
        assertThat(counters.get("rejected:bad_token_length")).isEqualTo(1);
        assertThat(counters.get("rejected:empty_payload_after_marker")).isEqualTo(1);
        assertThat(sent).as("only the version-1 CON with a format error is reset").extracting(Sent::message)
                .containsExactly(CoapMessage.reset(0x1235));
        assertThat(handled).isEmpty();
    }

    @Test
    void aPingIsAnsweredWithReset() {
        endpoint.receive(PEER, new byte[] {0x40, 0x00, 0x12, 0x34});
        assertThat(last().message()).isEqualTo(CoapMessage.reset(0x1234));
        assertThat(counters.get("pings")).isEqualTo(1);
    }

    @Test
    void closeFailsPendingRequestsAndStopsTimers() {
        CompletableFuture<CoapMessage> f = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        behaviour = exchange -> { };
        endpoint.receive(PEER, wire(incoming(CoapType.CON, 0x1000)));
        endpoint.close();
        assertThat(failureOf(f)).isEqualTo(CoapFailure.CLOSED);
        assertThat(scheduler.pending()).isZero();
        assertThat(failureOf(endpoint.request(PEER, post(CoapType.NON)).toCompletableFuture()))
                .isEqualTo(CoapFailure.CLOSED);
    }

    // ---- congestion control (RFC 7252 4.7)

    @Test
    void nstartOneQueuesTheSecondRequestToAPeerUntilTheFirstIsAcknowledged() {
        CompletableFuture<CoapMessage> first = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CompletableFuture<CoapMessage> second = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        endpoint.request("meter-8", post(CoapType.CON));
        assertThat(sent).extracting(Sent::peer).containsExactly(PEER, "meter-8");
        assertThat(counters.get("queued")).isEqualTo(1);
        assertThat(endpoint.pendingRequests()).isEqualTo(3);

        // an Empty ACK ends the outstanding interaction: the second goes while the first awaits its response
        endpoint.receive(PEER, wire(CoapMessage.emptyAck(sent.get(0).message().messageId())));
        assertThat(sent).hasSize(3);
        CoapMessage secondOnWire = sent.get(2).message();
        assertThat(secondOnWire.token()).isNotEqualTo(sent.get(0).message().token());
        assertThat(first).isNotDone();
        endpoint.receive(PEER, wire(CoapMessage.piggybackedResponse(secondOnWire, CoapCode.CHANGED, List.of(),
                new byte[0])));
        assertThat(second).isCompleted();
    }

    @Test
    void aQueuedRequestStartsWhenTheOneBeforeItTimesOut() {
        CompletableFuture<CoapMessage> first = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        CompletableFuture<CoapMessage> second = endpoint.request(PEER, post(CoapType.CON)).toCompletableFuture();
        scheduler.runFor(Duration.ofSeconds(5));
        long t0 = sent.get(1).at();
        scheduler.runUntil(31 * t0);
        assertThat(failureOf(first)).isEqualTo(CoapFailure.TIMEOUT);
        assertThat(sent).hasSize(6);
        assertThat(sent.get(5).at()).as("sent the moment the first gave up").isEqualTo(31 * t0);
        assertThat(second).isNotDone();
        assertThat(sent.get(5).message().messageId()).isNotEqualTo(sent.get(0).message().messageId());
        scheduler.runFor(Duration.ofSeconds(100));
        assertThat(failureOf(second)).isEqualTo(CoapFailure.TIMEOUT);
        assertThat(sent).hasSize(10);
    }

    @Test
    void aLargerNstartAllowsThatManyAtOnce() {
        CoapConfig two = new CoapConfig(Duration.ofSeconds(2), 1.5, 4, 2, Duration.ofSeconds(100),
                Duration.ofSeconds(1), Duration.ofSeconds(93), 16, 2);
        CoapEndpoint<String> e = endpoint(two);
        for (int i = 0; i < 3; i++) {
            e.request(PEER, post(CoapType.NON));
        }
        assertThat(sent).hasSize(2);
        CoapMessage r = sent.get(0).message();
        e.receive(PEER, wire(new CoapMessage(CoapType.NON, CoapCode.CHANGED, 1, r.token(), List.of(), new byte[0])));
        assertThat(sent).hasSize(3);
    }
}
