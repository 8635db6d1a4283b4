package org.metermesh.sixlowpan.nd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.metermesh.sixlowpan.nd.NdSamples.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.nd.NdDecodeException.Reason;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborSolicitation;
import org.metermesh.sixlowpan.nd.NdMessage.RouterAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.RouterSolicitation;
import org.metermesh.sixlowpan.nd.NdOption.AddressRegistration;
import org.metermesh.sixlowpan.nd.NdOption.AuthoritativeBorderRouter;
import org.metermesh.sixlowpan.nd.NdOption.PrefixInformation;
import org.metermesh.sixlowpan.nd.NdOption.SixLowpanContext;
import org.metermesh.sixlowpan.nd.NdOption.SourceLinkLayerAddress;
import org.metermesh.sixlowpan.nd.NdOption.TargetLinkLayerAddress;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;

class NdResponderTest {

    private VirtualScheduler scheduler;
    private RegistrationTable table;
    private NdResponder responder;

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler(8505);
        table = new RegistrationTable(scheduler, 4);
        responder = new NdResponder(RouterConfig.gateway(GATEWAY_MAC, PREFIX, List.of(CONTEXT_0, CONTEXT_1), 0x10002L),
                table);
    }

    /** Sends {@code message} from {@code source} to the gateway, encoded and checksummed as a meter would. */
    private NdResponder.Result send(byte[] source, byte[] destination, NdMessage message) {
        byte[] wire = NdCodec.encode(message, source, destination);
        return responder.handle(source, destination, 255, wire, 0, wire.length);
    }

    /** The reply, decoded again from its octets with the checksum verified. */
    private static NdMessage replyOf(NdResponder.Result result) throws NdDecodeException {
        assertThat(result).isInstanceOf(NdResponder.Reply.class);
        NdResponder.Reply reply = (NdResponder.Reply) result;
        assertThat(reply.source()).isEqualTo(GATEWAY_LL);
        NdMessage decoded = NdCodec.decode(reply.icmpv6(), 0, reply.icmpv6().length, reply.source(),
                reply.destination());
        assertThat(decoded).isEqualTo(reply.message());
        return decoded;
    }

    private static AddressRegistration aroOf(NdMessage message) {
        assertThat(message).isInstanceOf(NeighborAdvertisement.class);
        NeighborAdvertisement na = (NeighborAdvertisement) message;
        assertThat(na.router()).isTrue();
        assertThat(na.solicited()).isTrue();
        return na.option(AddressRegistration.class).orElseThrow();
    }

    @Test
    void nsWithAroIsAnsweredWithNaAndTheAddressIsRegistered() throws Exception {
        NeighborSolicitation ns = new NeighborSolicitation(GATEWAY_LL,
                List.of(new SourceLinkLayerAddress(METER_MAC), ARO));
        NdResponder.Result result = send(METER_LL, GATEWAY_LL, ns);

        NdResponder.Reply reply = (NdResponder.Reply) result;
        assertThat(reply.destination()).isEqualTo(METER_LL);
        assertThat(reply.linkLayerDestination()).isEqualTo(METER_MAC);
        NdMessage na = replyOf(result);
        assertThat(((NeighborAdvertisement) na).target()).isEqualTo(GATEWAY_LL);
        assertThat(aroOf(na)).isEqualTo(ARO.withStatus(AroStatus.SUCCESS));
        // RFC 6775: the registered address is the NS source.
        Registration registration = table.lookup(METER_LL).orElseThrow();
        assertThat(registration.owner()).isEqualTo(Rovr.ofEui64(METER_EUI64));
        assertThat(registration.linkLayer()).isEqualTo(METER_MAC);
        assertThat(registration.expiresAtNanos()).isEqualTo(Duration.ofMinutes(120).toNanos());
        assertThat(responder.counters()).containsEntry("rx:ns", 1L).containsEntry("tx:na", 1L)
                .containsEntry("aro:success", 1L);

        scheduler.runFor(Duration.ofMinutes(120));
        assertThat(table.lookup(METER_LL)).as("lifetime runs out without a refresh").isEmpty();
    }

    @Test
    void anEaroRegistersTheTargetAddressAndEchoesTheTid() throws Exception {
        NeighborSolicitation ns = new NeighborSolicitation(METER_GLOBAL,
                List.of(new SourceLinkLayerAddress(METER_MAC), EARO));
        NdMessage na = replyOf(send(METER_LL, GATEWAY_LL, ns));
        AddressRegistration aro = aroOf(na);
        assertThat(aro.status()).isZero();
        assertThat(aro.t()).isTrue();
        assertThat(aro.tid()).isEqualTo(5);
        assertThat(((NeighborAdvertisement) na).target()).isEqualTo(METER_GLOBAL);
        assertThat(table.lookup(METER_GLOBAL)).isPresent();
        assertThat(table.lookup(METER_LL)).isEmpty();
    }

    @Test
    void anEaroFromAGlobalSourceIsAnInvalidSourceAddress() throws Exception {
        NeighborSolicitation ns = new NeighborSolicitation(METER_GLOBAL,
                List.of(new SourceLinkLayerAddress(METER_MAC), EARO));
        NdResponder.Result result = send(METER_GLOBAL, GATEWAY_LL, ns);
        assertThat(aroOf(replyOf(result)).knownStatus()).contains(AroStatus.INVALID_SOURCE_ADDRESS);
        assertThat(table.size()).isZero();
    }

    @Test
    void aDuplicateIsAnsweredToTheLinkLocalAddressOfTheArosEui64() throws Exception {
        send(METER_LL, GATEWAY_LL, new NeighborSolicitation(GATEWAY_LL,
                List.of(new SourceLinkLayerAddress(METER_MAC), ARO)));
        // Another node claims the meter's address with its own EUI-64 (and the same short address, say).
        NeighborSolicitation claim = new NeighborSolicitation(GATEWAY_LL, List.of(
                new SourceLinkLayerAddress(ShortAddress.of(0x0001)), AddressRegistration.request(60, OTHER_EUI64)));
        NdResponder.Result result = send(METER_LL, GATEWAY_LL, claim);
        NdResponder.Reply reply = (NdResponder.Reply) result;
        // RFC 6775 6.5.2: to fe80:: + the EUI-64 with the U/L bit inverted, on the link to the EUI-64 itself.
        assertThat(reply.destination()).isEqualTo(OTHER_LL);
        assertThat(reply.linkLayerDestination()).isEqualTo(ExtendedAddress.of(OTHER_EUI64));
        assertThat(aroOf(replyOf(result))).isEqualTo(AddressRegistration.request(60, OTHER_EUI64)
                .withStatus(AroStatus.DUPLICATE_ADDRESS));
        assertThat(table.lookup(METER_LL).orElseThrow().owner()).isEqualTo(Rovr.ofEui64(METER_EUI64));
        assertThat(responder.count("aro:duplicate_address")).isOne();
    }

    @Test
    void aFullTableAnswersNeighborCacheFull() throws Exception {
        for (int i = 1; i <= 4; i++) {
            byte[] source = Ipv6Packets.address("fe80 0 0 0 0 0 0 " + i);
            send(source, GATEWAY_LL, new NeighborSolicitation(GATEWAY_LL, List.of(
                    new SourceLinkLayerAddress(ShortAddress.of(i)), AddressRegistration.request(60, 0x100 + i))));
        }
        NdResponder.Result result = send(METER_LL, GATEWAY_LL, nsWithAro());
        assertThat(aroOf(replyOf(result)).knownStatus()).contains(AroStatus.NEIGHBOR_CACHE_FULL);
        assertThat(table.size()).isEqualTo(4);
    }

    @Test
    void aZeroLifetimeDeregisters() throws Exception {
        send(METER_LL, GATEWAY_LL, nsWithAro());
        NeighborSolicitation bye = new NeighborSolicitation(METER_LL, List.of(new SourceLinkLayerAddress(METER_MAC),
                AddressRegistration.request(0, METER_EUI64)));
        assertThat(aroOf(replyOf(send(METER_LL, GATEWAY_LL, bye))).status()).isZero();
        assertThat(table.size()).isZero();
    }

    @Test
    void anAroWithoutSllaoIsProcessedAsAPlainNs() throws Exception {
        NeighborSolicitation forUs = new NeighborSolicitation(GATEWAY_LL, List.of(ARO));
        NdMessage na = replyOf(send(METER_LL, GATEWAY_LL, forUs));
        assertThat(na.option(AddressRegistration.class)).isEmpty();
        assertThat(na.option(TargetLinkLayerAddress.class).map(TargetLinkLayerAddress::address))
                .contains(GATEWAY_MAC);
        assertThat(((NeighborAdvertisement) na).override()).isTrue();
        assertThat(table.size()).isZero();

        NeighborSolicitation notForUs = new NeighborSolicitation(OTHER_LL, List.of(ARO));
        assertThat(send(METER_LL, GATEWAY_LL, notForUs)).isEqualTo(new NdResponder.Ignored("ns_not_for_us"));
    }

    @Test
    void anAroWithANonZeroStatusIsIgnored() {
        NeighborSolicitation ns = new NeighborSolicitation(GATEWAY_LL, List.of(new SourceLinkLayerAddress(METER_MAC),
                ARO.withStatus(AroStatus.DUPLICATE_ADDRESS)));
        assertThat(send(METER_LL, GATEWAY_LL, ns)).isEqualTo(new NdResponder.Ignored("aro_status_not_zero"));
        assertThat(responder.count("ignored:aro_status_not_zero")).isOne();
        assertThat(table.size()).isZero();
    }

    @Test
    void anNsFromTheUnspecifiedAddressForUsIsAnsweredToAllNodes() throws Exception {
        NdResponder.Result result = send(Ipv6Bytes.unspecified(), GATEWAY_LL,
                new NeighborSolicitation(GATEWAY_LL, List.of()));
        NdResponder.Reply reply = (NdResponder.Reply) result;
        assertThat(reply.destination()).isEqualTo(Ipv6Bytes.allNodes());
        assertThat(((NeighborAdvertisement) replyOf(result)).solicited()).isFalse();
        assertThat(send(Ipv6Bytes.unspecified(), GATEWAY_LL, nsWithAro())).isInstanceOfSatisfying(
                NdResponder.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.INVALID_SOURCE));
    }

    @Test
    void rsIsAnsweredWithAnRaCarryingPrefixContextsAndAbro() throws Exception {
        NdResponder.Result result = send(METER_LL, ALL_ROUTERS, rs());
        NdResponder.Reply reply = (NdResponder.Reply) result;
        assertThat(reply.destination()).isEqualTo(METER_LL);
        assertThat(reply.linkLayerDestination()).isEqualTo(METER_MAC);
        RouterAdvertisement ra = (RouterAdvertisement) replyOf(result);
        assertThat(ra.curHopLimit()).isEqualTo(64);
        assertThat(ra.routerLifetime()).isEqualTo(1800);
        assertThat(ra.option(SourceLinkLayerAddress.class).map(SourceLinkLayerAddress::address))
                .contains(GATEWAY_MAC);
        PrefixInformation pio = ra.option(PrefixInformation.class).orElseThrow();
        assertThat(pio.onLink()).as("RFC 6775 6.1").isFalse();
        assertThat(pio.autonomous()).isTrue();
        assertThat(pio.prefix()).isEqualTo(PREFIX);
        assertThat(pio.prefixLength()).isEqualTo(64);
        assertThat(ra.options(SixLowpanContext.class)).containsExactly(CONTEXT_0, CONTEXT_1);
        AuthoritativeBorderRouter abro = ra.option(AuthoritativeBorderRouter.class).orElseThrow();
        assertThat(abro.borderRouter()).isEqualTo(GATEWAY_GLOBAL);
        assertThat(abro.version()).isEqualTo(0x10002L);
        assertThat(responder.counters()).containsEntry("rx:rs", 1L).containsEntry("tx:ra", 1L);
    }

    @Test
    void rsWithoutSllaoIsAnsweredToAllNodes() throws Exception {
        NdResponder.Result result = send(METER_LL, ALL_ROUTERS, new RouterSolicitation(List.of()));
        NdResponder.Reply reply = (NdResponder.Reply) result;
        assertThat(reply.destination()).isEqualTo(Ipv6Bytes.allNodes());
        assertThat(reply.linkLayerDestination()).isEqualTo(ShortAddress.BROADCAST);
        assertThat(replyOf(result)).isInstanceOf(RouterAdvertisement.class);
        assertThat(send(Ipv6Bytes.unspecified(), ALL_ROUTERS, rs())).isInstanceOfSatisfying(
                NdResponder.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.INVALID_SOURCE));
    }

    @Test
    void invalidMessagesAreRejectedAndCounted() {
        byte[] wire = NdCodec.encode(rs(), METER_LL, ALL_ROUTERS);
        assertThat(responder.handle(METER_LL, ALL_ROUTERS, 254, wire, 0, wire.length)).isInstanceOfSatisfying(
                NdResponder.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_HOP_LIMIT));
        wire[9] ^= 1;
        assertThat(responder.handle(METER_LL, ALL_ROUTERS, 255, wire, 0, wire.length)).isInstanceOfSatisfying(
                NdResponder.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_CHECKSUM));
        assertThat(send(METER_LL, GATEWAY_LL, ra())).isEqualTo(new NdResponder.Ignored("ra"));
        assertThat(responder.counters()).containsEntry("dropped:bad_hop_limit", 1L)
                .containsEntry("dropped:bad_checksum", 1L).containsEntry("ignored:ra", 1L);
    }

    @Test
    void routerConfigurationFollowsRfc6775() {
        assertThatIllegalArgumentException().as("RFC 6775 6.1: no L flag").isThrownBy(() -> new RouterConfig(
                GATEWAY_LL, GATEWAY_MAC, 64, 1800, 0, 0,
                List.of(new PrefixInformation(64, true, true, 1, 1, PREFIX)), List.of(), Optional.empty()));
        assertThatIllegalArgumentException().as("one CID twice").isThrownBy(() -> new RouterConfig(GATEWAY_LL,
                GATEWAY_MAC, 64, 1800, 0, 0, List.of(), List.of(CONTEXT_0, CONTEXT_0), Optional.empty()));
        assertThatIllegalArgumentException().as("RAs come from link-local addresses").isThrownBy(() ->
                new RouterConfig(GATEWAY_GLOBAL, GATEWAY_MAC, 64, 1800, 0, 0, List.of(), List.of(), Optional.empty()));
        RouterConfig config = RouterConfig.gateway(ShortAddress.of(0x00ff), PREFIX, List.of(), 1);
        assertThat(Ipv6Bytes.format(config.linkLocalAddress())).isEqualTo("fe80::ff:fe00:ff");
        assertThat(Ipv6Bytes.format(config.borderRouter().orElseThrow().borderRouter()))
                .isEqualTo("2001:db8:1:2:0:ff:fe00:ff");
    }
}
