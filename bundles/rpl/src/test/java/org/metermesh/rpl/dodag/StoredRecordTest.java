package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** The durable records of the root: round trips, and every kind of damage gives a typed rejection. */
class StoredRecordTest {

    private static final StoredRoute ROUTE = new StoredRoute(global(7), 243, List.of(
            new StoredRoute.Parent(global(3), 0x80, 0, 1_767_225_600_000L),
            new StoredRoute.Parent(global(4), 0x40, 1, StoredRoute.NEVER)));
    private static final StoredDodag DODAG = new StoredDodag(0, 1, 242, 250, global(0));

    @Test
    void routeRoundTrips() {
        byte[] bytes = ROUTE.encode();
        assertThat(bytes).hasSize(19 + 2 * 26 + 4);
        assertThat(bytes[0]).isEqualTo((byte) StoredRoute.FORMAT);
        assertThat(StoredRoute.decode(bytes)).isEqualTo(new StoredRecordResult.Decoded<>(ROUTE));
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
        future[0] = 2;
        assertThat(reason(StoredRoute.decode(future))).isEqualTo(StoredRecordRejectReason.UNKNOWN_FORMAT);
        assertThat(reason(StoredDodag.decode(new byte[] {9}))).isEqualTo(StoredRecordRejectReason.UNKNOWN_FORMAT);
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] good = ROUTE.encode();
        for (int i = 0; i < good.length * 8; i++) {
            byte[] bad = good.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            assertThat(StoredRoute.decode(bad)).as("bit %d", i).isInstanceOf(StoredRecordResult.Rejected.class);
        }
        byte[] dodag = DODAG.encode();
        dodag[5] ^= 1;
        assertThat(reason(StoredDodag.decode(dodag))).isEqualTo(StoredRecordRejectReason.BAD_CHECKSUM);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] good = ROUTE.encode();
        for (int length = 1; length < good.length; length++) {
            assertThat(StoredRoute.decode(Arrays.copyOf(good, length))).as("%d octets", length)
                    .isInstanceOf(StoredRecordResult.Rejected.class);
        }
        assertThat(reason(StoredRoute.decode(Arrays.copyOf(good, 10)))).isEqualTo(StoredRecordRejectReason.TRUNCATED);
    }

    @Test
    void countsThatDisagreeWithTheLengthAreRejectedEvenWithAGoodChecksum() {
        byte[] body = ROUTE.encode();
        body = Arrays.copyOf(body, body.length - 4);
        body[18] = 3;                                               // three parents announced, two present
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.TRUNCATED);
        body[18] = 1;                                               // one announced, two present
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.TRAILING_BYTES);
        body[18] = 0;
        assertThat(reason(StoredRoute.decode(sealed(body)))).isEqualTo(StoredRecordRejectReason.BAD_VALUE);

        byte[] dodag = DODAG.encode();
        dodag = Arrays.copyOf(dodag, dodag.length - 4);
        dodag[2] = 9;                                               // MOP 9
        assertThat(reason(StoredDodag.decode(sealed(dodag)))).isEqualTo(StoredRecordRejectReason.BAD_VALUE);
        assertThat(reason(StoredDodag.decode(sealed(Arrays.copyOf(dodag, dodag.length + 1)))))
                .isEqualTo(StoredRecordRejectReason.TRAILING_BYTES);
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

    private static StoredRecordRejectReason reason(StoredRecordResult<?> result) {
        assertThat(result).isInstanceOf(StoredRecordResult.Rejected.class);
        return ((StoredRecordResult.Rejected<?>) result).reason();
    }
}
