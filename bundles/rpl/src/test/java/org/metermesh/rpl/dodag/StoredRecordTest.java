package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ShortAddress;

/** The durable records of the root: round trips, and every kind of damage gives a typed rejection. */
class StoredRecordTest {

    private static final StoredRoute ROUTE = new StoredRoute(global(7), 243, List.of(
            new StoredRoute.Parent(global(3), 0x80, 0, 1_767_225_600_000L),
            new StoredRoute.Parent(global(4), 0x40, 1, StoredRoute.NEVER)));
    private static final StoredRoute NEXT_HOP = new StoredRoute(global(9), 7, new StoredRoute.NextHop(
            MeshHarness.mac(3), 30, 1_767_225_600_000L));
    private static final StoredDodag DODAG = new StoredDodag(0, 1, 242, 250, global(0));
    /** {@link #ROUTE} as the bundle before storing-mode routes were kept wrote it: format 1, no kind octet. */
    private static final String ROUTE_FORMAT_1 = "01fd00cafe0000000002124b0000000007f302"
            + "fd00cafe0000000002124b000000000380000000019b76daa800"
            + "fd00cafe0000000002124b000000000440017fffffffffffffff" + "79141a78";

    @Test
    void routeRoundTrips() {
        byte[] bytes = ROUTE.encode();
        assertThat(bytes).hasSize(24 + 2 * 26);
        assertThat(bytes[0]).isEqualTo((byte) StoredRoute.FORMAT);
        assertThat(StoredRoute.decode(bytes)).isEqualTo(new StoredRecordResult.Decoded<>(ROUTE));
    }

    @Test
    void nextHopRoundTripsWithAnExtendedOrAShortAddress() {
        byte[] bytes = NEXT_HOP.encode();
        assertThat(bytes).hasSize(41);
        assertThat(bytes[1]).as("kind").isEqualTo((byte) 1);
        assertThat(StoredRoute.decode(bytes)).isEqualTo(new StoredRecordResult.Decoded<>(NEXT_HOP));
        assertThat(NEXT_HOP.storing()).isTrue();
        assertThat(ROUTE.storing()).isFalse();

        StoredRoute viaShort = new StoredRoute(global(9), 7, new StoredRoute.NextHop(ShortAddress.of(0xbeef), 0xff,
                StoredRoute.NEVER));
        assertThat(StoredRoute.decode(viaShort.encode())).isEqualTo(new StoredRecordResult.Decoded<>(viaShort));
    }

    @Test
    void theFormatBeforeStoringModeRoutesIsStillRead() {
        byte[] old = HexFormat.of().parseHex(ROUTE_FORMAT_1);
        assertThat(old[0]).isEqualTo((byte) StoredRoute.FORMAT_PARENTS_ONLY);
        assertThat(StoredRoute.decode(old)).isEqualTo(new StoredRecordResult.Decoded<>(ROUTE));

        old[40] ^= 1;
        assertThat(reason(StoredRoute.decode(old))).isEqualTo(StoredRecordRejectReason.BAD_CHECKSUM);
        byte[] body = Arrays.copyOf(HexFormat.of().parseHex(ROUTE_FORMAT_1), 71);
        body[18] = 3;                                               // three parents announced, two present
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.TRUNCATED);
        assertThat(reason(StoredRoute.decode(Arrays.copyOf(old, 48)))).isEqualTo(StoredRecordRejectReason.TRUNCATED);
    }

    @Test
    void dodagRoundTrips() {
        byte[] bytes = DODAG.encode();
        assertThat(bytes).hasSize(25);
        assertThat(StoredDodag.decode(bytes)).isEqualTo(new StoredRecordResult.Decoded<>(DODAG));
    }

    @Test
    void emptyAndUnknownFormatsAreRejected() {
        assertThat(reason(StoredRoute.decode(new byte[0]))).isEqualTo(StoredRecordRejectReason.EMPTY);
        byte[] future = ROUTE.encode();
        future[0] = 3;
        assertThat(reason(StoredRoute.decode(future))).isEqualTo(StoredRecordRejectReason.UNKNOWN_FORMAT);
        assertThat(reason(StoredDodag.decode(new byte[] {9}))).isEqualTo(StoredRecordRejectReason.UNKNOWN_FORMAT);
    }

    @Test
    void everySingleBitFlipIsRejected() {
        for (byte[] good : List.of(ROUTE.encode(), NEXT_HOP.encode())) {
            for (int i = 0; i < good.length * 8; i++) {
                byte[] bad = good.clone();
                bad[i / 8] ^= (byte) (1 << (i % 8));
                assertThat(StoredRoute.decode(bad)).as("bit %d", i).isInstanceOf(StoredRecordResult.Rejected.class);
            }
        }
        byte[] dodag = DODAG.encode();
        dodag[5] ^= 1;
        assertThat(reason(StoredDodag.decode(dodag))).isEqualTo(StoredRecordRejectReason.BAD_CHECKSUM);
    }

    @Test
    void everyTruncationIsRejected() {
        for (byte[] good : List.of(ROUTE.encode(), NEXT_HOP.encode())) {
            for (int length = 1; length < good.length; length++) {
                assertThat(StoredRoute.decode(Arrays.copyOf(good, length))).as("%d octets", length)
                        .isInstanceOf(StoredRecordResult.Rejected.class);
            }
        }
        assertThat(reason(StoredRoute.decode(Arrays.copyOf(ROUTE.encode(), 10))))
                .isEqualTo(StoredRecordRejectReason.TRUNCATED);
    }

    @Test
    void countsThatDisagreeWithTheLengthAreRejectedEvenWithAGoodChecksum() {
        byte[] body = ROUTE.encode();
        body = Arrays.copyOf(body, body.length - 4);
        body[19] = 3;                                               // three parents announced, two present
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.TRUNCATED);
        body[19] = 1;                                               // one announced, two present
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.TRAILING_BYTES);
        body[19] = 0;
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.BAD_VALUE);

        byte[] dodag = DODAG.encode();
        dodag = Arrays.copyOf(dodag, dodag.length - 4);
        dodag[2] = 9;                                               // MOP 9
        assertThat(reason(StoredDodag.decode(sealed(dodag)))).isEqualTo(StoredRecordRejectReason.BAD_VALUE);
        assertThat(reason(StoredDodag.decode(sealed(Arrays.copyOf(dodag, dodag.length + 1)))))
                .isEqualTo(StoredRecordRejectReason.TRAILING_BYTES);
    }

    @Test
    void impossibleKindsAddressesAndLifetimesAreRejectedEvenWithAGoodChecksum() {
        byte[] body = NEXT_HOP.encode();
        body = Arrays.copyOf(body, body.length - 4);
        assertThat(reason(StoredRoute.decode(sealed(Arrays.copyOf(body, body.length + 1)))))
                .isEqualTo(StoredRecordRejectReason.TRAILING_BYTES);
        assertThat(rejection(sealed(with(body, 1, 2)))).contains("route kind 2");
        assertThat(rejection(sealed(with(body, 19, 0)))).contains("addressing mode 0");   // no address
        assertThat(rejection(sealed(with(body, 19, 2)))).contains("addressing mode 2");   // short, but 8 octets
        assertThat(rejection(sealed(with(body, 28, 0)))).contains("Path Lifetime 0");
    }

    @Test
    void rejectionsNameTheirCounter() {
        assertThat(StoredRecordRejectReason.BAD_CHECKSUM.counterName()).isEqualTo("restore-rejected:bad_checksum");
    }

    private static byte[] sealed(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        byte[] out = bytes.clone();
        out[index] = (byte) value;
        return out;
    }

    /** The detail of a {@link StoredRecordRejectReason#BAD_VALUE} rejection. */
    private static String rejection(byte[] bytes) {
        StoredRecordResult<StoredRoute> result = StoredRoute.decode(bytes);
        assertThat(reason(result)).isEqualTo(StoredRecordRejectReason.BAD_VALUE);
        return ((StoredRecordResult.Rejected<?>) result).detail();
    }

    private static StoredRecordRejectReason reason(StoredRecordResult<?> result) {
        assertThat(result).isInstanceOf(StoredRecordResult.Rejected.class);
        return ((StoredRecordResult.Rejected<?>) result).reason();
    }
}
