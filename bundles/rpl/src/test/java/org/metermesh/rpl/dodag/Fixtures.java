package org.metermesh.rpl.dodag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;

/** Messages and recorders for driving one core by hand. */
final class Fixtures {

    /**
     * The DODAG Configuration the hand-driven and harness tests advertise: MeterMesh's, with the Trickle timer
     * (Imin 4.096 s, 8 doublings, k 10, Contiki-NG rpl-classic's) and route lifetime (30 min) these tests were
     * written against. The defaults for real neighbourhoods are slower (RootConfig, TrickleConfig); the tests are
     * about behaviour, and the idealised harness forms a DODAG in seconds either way.
     */
    static final DodagConfiguration CONFIG = classic(RootConfig.meterMeshConfiguration());

    static DodagConfiguration classic(DodagConfiguration c) {
        return new DodagConfiguration(c.authentication(), c.pathControlSize(), 8, 12, 10, c.maxRankIncrease(),
                c.minHopRankIncrease(), c.objectiveCodePoint(), 30, c.lifetimeUnit());
    }

    /**
     * A meter's configuration with the timing these tests were written against: join jitter 10 s, DAO delay 4 s,
     * probe interval 90 s (the defaults before the simulator ran the real MAC; NodeConfig's are slower).
     */
    static NodeConfig nodeConfig(org.metermesh.api.radio.ExtendedAddress mac) {
        return NodeConfig.defaults(mac).withJoinJitter(java.time.Duration.ofSeconds(10))
                .withDaoDelay(java.time.Duration.ofSeconds(4)).withProbeInterval(java.time.Duration.ofSeconds(90));
    }
    static final Ipv6Address DODAG_ID = MeshHarness.global(0);
    static final PrefixInformation PIO = new PrefixInformation(64, false, true, true,
            RplOption.INFINITE_LIFETIME_32, RplOption.INFINITE_LIFETIME_32, DODAG_ID);

    private Fixtures() {
    }

    /** A DIO of the test DODAG (instance 0, grounded, non-storing) with the configuration and prefix options. */
    static Dio dio(int version, int rank, int dtsn) {
        return new Dio(0, version, rank, true, Dio.MOP_NON_STORING, 0, dtsn, DODAG_ID, List.of(CONFIG, PIO));
    }

    static Dio dio(int rank) {
        return dio(Lollipop.INIT, rank, Lollipop.INIT);
    }

    record OnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop) {
    }

    record Routed(RplMessage message, Ipv6Address destination) {
    }

    static final class Transport implements RplTransport {
        final List<OnLink> onLink = new ArrayList<>();
        final List<Routed> routed = new ArrayList<>();
        /** What sendRouted answers: sent at once unless a test holds it in the queue. */
        CompletableFuture<TxStatus> firstHop = CompletableFuture.completedFuture(TxStatus.SENT);

        @Override
        public void sendOnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop) {
            onLink.add(new OnLink(message, destination, nextHop));
        }

        @Override
        public CompletionStage<TxStatus> sendRouted(RplMessage message,
                Ipv6Address destination) {
            routed.add(new Routed(message, destination));
            return firstHop;
        }

        <T extends RplMessage> List<T> onLink(Class<T> type) {
            return onLink.stream().map(OnLink::message).filter(type::isInstance).map(type::cast).toList();
        }

        <T extends RplMessage> List<T> routed(Class<T> type) {
            return routed.stream().map(Routed::message).filter(type::isInstance).map(type::cast).toList();
        }

        <T extends RplMessage> Optional<T> lastRouted(Class<T> type) {
            List<T> all = routed(type);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        void clear() {
            onLink.clear();
            routed.clear();
        }
    }

    static final class Listener implements RplEventListener {
        final List<ErrorCode> errors = new ArrayList<>();
        final List<String> details = new ArrayList<>();
        final List<MacAddress> parents = new ArrayList<>();
        int joined;

        @Override
        public void error(ErrorCode code, String detail) {
            errors.add(code);
            details.add(detail);
        }

        @Override
        public void joined() {
            joined++;
        }

        @Override
        public void parentChanged(MacAddress parent) {
            parents.add(parent);
        }
    }
}
