package org.metermesh.sixlowpan.nd;

import java.util.List;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
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

/** Addresses, options and messages shared by the ND tests. */
final class NdSamples {

    static final long METER_EUI64 = 0x0012_4b00_0000_0001L;
    static final long OTHER_EUI64 = 0x0012_4b00_0000_0002L;
    static final long GATEWAY_EUI64 = 0x0012_4b00_0000_00ffL;
    static final ExtendedAddress METER_MAC = ExtendedAddress.of(METER_EUI64);
    static final ExtendedAddress GATEWAY_MAC = ExtendedAddress.of(GATEWAY_EUI64);

    /** fe80::212:4b00:0:1, from the meter's EUI-64 with the U/L bit inverted (RFC 4944 section 6). */
    static final byte[] METER_LL = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 1");
    static final byte[] OTHER_LL = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 2");
    static final byte[] GATEWAY_LL = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 ff");
    static final byte[] PREFIX = Ipv6Packets.address("2001 db8 1 2 0 0 0 0");
    static final byte[] METER_GLOBAL = Ipv6Packets.address("2001 db8 1 2 0212 4b00 0 1");
    static final byte[] GATEWAY_GLOBAL = Ipv6Packets.address("2001 db8 1 2 0212 4b00 0 ff");
    static final byte[] ALL_ROUTERS = Ipv6Packets.address("ff02 0 0 0 0 0 0 2");

    static final PrefixInformation PIO = new PrefixInformation(64, false, true, 2_592_000L, 604_800L, PREFIX);
    static final SixLowpanContext CONTEXT_0 = new SixLowpanContext(64, true, 0, 60, PREFIX);
    static final SixLowpanContext CONTEXT_1 = new SixLowpanContext(112, false, 1, 0xffff,
            Ipv6Packets.address("2001 db8 ffff 0 0 0 abcd 0"));
    static final AuthoritativeBorderRouter ABRO = new AuthoritativeBorderRouter(0x0001_0002L, 0, GATEWAY_GLOBAL);
    static final AddressRegistration ARO = AddressRegistration.request(120, METER_EUI64);
    static final AddressRegistration EARO = new AddressRegistration(0, 0, 0, true, true, 5, 30,
            Rovr.ofEui64(METER_EUI64));
    static final AddressRegistration EARO_256 = new AddressRegistration(9, 0x42, 2, false, true, 200, 65535,
            Rovr.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                25, 26, 27, 28, 29, 30, 31, 32}));

    static RouterSolicitation rs() {
        return new RouterSolicitation(List.of(new SourceLinkLayerAddress(METER_MAC)));
    }

    static RouterAdvertisement ra() {
        return new RouterAdvertisement(64, false, true, 0xffff, 30_000, 1_000,
                List.of(new SourceLinkLayerAddress(GATEWAY_MAC), PIO, CONTEXT_0, CONTEXT_1, ABRO));
    }

    static NeighborSolicitation nsWithAro() {
        return new NeighborSolicitation(METER_LL, List.of(new SourceLinkLayerAddress(METER_MAC), ARO));
    }

    static NeighborAdvertisement naWithAro() {
        return new NeighborAdvertisement(true, true, false, METER_LL,
                List.of(ARO.withStatus(AroStatus.DUPLICATE_ADDRESS)));
    }

    static NeighborAdvertisement naWithTllao() {
        return new NeighborAdvertisement(true, true, true, GATEWAY_LL,
                List.of(new TargetLinkLayerAddress(ShortAddress.of(0x1234)), EARO_256));
    }

    private NdSamples() {
    }
}
