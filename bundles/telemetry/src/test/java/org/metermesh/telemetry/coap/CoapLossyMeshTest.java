package org.metermesh.telemetry.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.platform.clock.VirtualScheduler;

/**
 * A gateway and meters, each a {@link CoapEndpoint} keyed by IPv6 address, over an in-memory medium that loses,
 * duplicates, delays and reorders datagrams. Uplink CON requests are answered piggybacked or, for half of them,
 * separately after a slow "durable write"; downlink CON requests are answered at once. Every request completes
 * exactly once, every handler runs at most once per request, and nearly all succeed despite the loss.
 */
class CoapLossyMeshTest {

    static final Ipv6Address GATEWAY = Ipv6Address.parse("fd00::1");

    /** A request's fate: how often its stage completed, how, and how often a handler served it. */
    static final class Outcome {
        int completions;
        String response;
        CoapFailure failure;
        int served;
    }

    final VirtualScheduler scheduler = new VirtualScheduler(7);
    final Map<Ipv6Address, CoapEndpoint<Ipv6Address>> nodes = new HashMap<>();
    final Map<String, Outcome> outcomes = new HashMap<>();
    final Counters gatewayCounters = new Counters();
    final Counters meterCounters = new Counters();
    final AtomicInteger delivered = new AtomicInteger();

    /** Sends from {@code self}: lost with {@code loss}, duplicated 5 %, each copy delayed 10-500 ms. */
    CoapTransport<Ipv6Address> medium(Ipv6Address self, SplittableRandom random, double loss) {
        return (peer, datagram) -> {
            int copies = random.nextDouble() < 0.05 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                if (random.nextDouble() < loss) {
                    continue;
                }
                long delayMillis = 10 + random.nextInt(490);
                byte[] copy = datagram.clone();
                scheduler.schedule(Duration.ofMillis(delayMillis), () -> {
                    delivered.incrementAndGet();
                    nodes.get(peer).receive(self, copy);
                });
            }
        };
    }

    CoapHandler<Ipv6Address> serving(boolean slowForOdd) {
        return exchange -> {
            String id = exchange.request().payloadString();
            outcomes.get(id).served++;
            byte[] answer = ("done " + id).getBytes(StandardCharsets.UTF_8);
            if (slowForOdd && id.hashCode() % 2 != 0) {
                scheduler.schedule(Duration.ofMillis(1500), () -> exchange.respond(CoapCode.CHANGED, answer));
            } else {
                exchange.respond(CoapCode.CHANGED, answer);
            }
        };
    }

    void request(CoapEndpoint<Ipv6Address> from, Ipv6Address to, String id) {
        Outcome outcome = new Outcome();
        outcomes.put(id, outcome);
        from.request(to, CoapMessage.request(CoapType.CON, CoapCode.POST, "/u", id.getBytes(StandardCharsets.UTF_8)))
                .whenComplete((response, failure) -> {
                    outcome.completions++;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        outcome.failure = ((CoapException) cause).failure();
                    } else {
                        outcome.response = response.payloadString();
                    }
                });
    }

    void run(double loss, int meters, int uplinkEach, int downlinkEach) {
        SplittableRandom random = new SplittableRandom(11);
        nodes.put(GATEWAY, new CoapEndpoint<>(scheduler, medium(GATEWAY, random, loss), CoapConfig.DEFAULTS,
                gatewayCounters, serving(true), new CoapEndpointListener<>() { }));
        List<Ipv6Address> meterAddresses = new ArrayList<>();
        for (int m = 1; m <= meters; m++) {
            Ipv6Address address = Ipv6Address.parse("fd00::212:4b00:0:" + Integer.toHexString(m));
            meterAddresses.add(address);
            nodes.put(address, new CoapEndpoint<>(scheduler, medium(address, random, loss), CoapConfig.DEFAULTS,
                    meterCounters, serving(false), new CoapEndpointListener<>() { }));
        }
        for (int n = 0; n < Math.max(uplinkEach, downlinkEach); n++) {
            for (int m = 0; m < meters; m++) {
                Ipv6Address meter = meterAddresses.get(m);
                int round = n;
                int index = m;
                scheduler.schedule(Duration.ofMillis(2000L * n + 37L * m), () -> {
                    if (round < uplinkEach) {
                        request(nodes.get(meter), GATEWAY, "up " + index + "/" + round);
                    }
                    if (round < downlinkEach) {
                        request(nodes.get(GATEWAY), meter, "down " + index + "/" + round);
                    }
                });
            }
        }
        scheduler.runFor(Duration.ofMinutes(30));
    }

    void assertEveryRequestCompletedOnceAndWasServedAtMostOnce() {
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            Outcome o = e.getValue();
            assertThat(o.completions).as("completions of %s", e.getKey()).isEqualTo(1);
            assertThat(o.served).as("handler calls for %s", e.getKey()).isBetween(0, 1);
            if (o.response != null) {
                assertThat(o.response).isEqualTo("done " + e.getKey());
                assertThat(o.served).as("handler calls for %s", e.getKey()).isEqualTo(1);
            } else {
                assertThat(o.failure).as(e.getKey()).isEqualTo(CoapFailure.TIMEOUT);
            }
        }
        for (CoapEndpoint<Ipv6Address> node : nodes.values()) {
            assertThat(node.pendingRequests()).isZero();
        }
    }

    @Test
    void everyConCompletesExactlyOnceOverALossyMesh() {
        run(0.2, 6, 40, 20);
        assertThat(outcomes).hasSize(6 * 60);
        assertEveryRequestCompletedOnceAndWasServedAtMostOnce();
        long succeeded = outcomes.values().stream().filter(o -> o.response != null).count();
        assertThat(succeeded).as("20 %% loss, 5 transmissions: a failure is rare").isGreaterThanOrEqualTo(350);
        // the loss really exercised retransmission, duplicate detection and separate responses
        assertThat(meterCounters.get("retransmissions") + gatewayCounters.get("retransmissions")).isPositive();
        assertThat(gatewayCounters.get("duplicates")).isPositive();
        assertThat(meterCounters.get("duplicates")).isPositive();
        assertThat(gatewayCounters.get("rejected:too_short")).isZero();
        assertThat(scheduler.pending()).as("no timers left behind").isZero();
    }

    @Test
    void withoutLossEveryRequestSucceedsWithoutRetransmission() {
        run(0.0, 3, 10, 10);
        assertEveryRequestCompletedOnceAndWasServedAtMostOnce();
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.response).isNotNull());
        long duplicatesSent = gatewayCounters.get("duplicates") + meterCounters.get("duplicates");
        // only the medium's own 5 % duplicates, no retransmissions
        assertThat(meterCounters.get("retransmissions") + gatewayCounters.get("retransmissions")).isZero();
        assertThat(duplicatesSent).isPositive();
    }

    /** A transport that delivers inside {@code send}: the answer arrives before {@code request} has returned. */
    @Test
    void aSynchronousTransportLeavesNoTimerBehind() {
        Ipv6Address meter = Ipv6Address.parse("fd00::2");
        nodes.put(GATEWAY, new CoapEndpoint<>(scheduler, (peer, d) -> nodes.get(peer).receive(GATEWAY, d),
                CoapConfig.DEFAULTS, gatewayCounters, serving(true), new CoapEndpointListener<>() { }));
        nodes.put(meter, new CoapEndpoint<>(scheduler, (peer, d) -> nodes.get(peer).receive(meter, d),
                CoapConfig.DEFAULTS, meterCounters, serving(false), new CoapEndpointListener<>() { }));
        for (int i = 0; i < 20; i++) {
            request(nodes.get(meter), GATEWAY, "up " + i);
            request(nodes.get(GATEWAY), meter, "down " + i);
        }
        scheduler.runFor(Duration.ofMinutes(10));
        assertEveryRequestCompletedOnceAndWasServedAtMostOnce();
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.response).isNotNull());
        assertThat(meterCounters.get("retransmissions") + gatewayCounters.get("retransmissions")
                + meterCounters.get("timeouts") + gatewayCounters.get("timeouts")).isZero();
        assertThat(scheduler.pending()).isZero();
    }
}
