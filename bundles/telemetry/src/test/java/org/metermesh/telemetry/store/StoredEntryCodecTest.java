package org.metermesh.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

class StoredEntryCodecTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00.250Z");
    private static final OutboxEntry ENTRY = new OutboxEntry("0011223344556677", Priority.BILLING,
            "metermesh/gw-1/billing/0011223344556677", new byte[] {1, 2, 3}, 1);

    private static StoredEntryRejection reason(String key, byte[] stored) {
        StoredEntryDecodeResult result = StoredEntryCodec.decode(key, stored);
        assertThat(result).isInstanceOf(StoredEntryDecodeResult.Rejected.class);
        return ((StoredEntryDecodeResult.Rejected) result).reason();
    }

    /** Re-seals an entry after editing it, so that the check after the CRC is reached. */
    private static byte[] withCrc(byte[] stored) {
        CRC32 crc = new CRC32();
        crc.update(stored, 0, stored.length - 4);
        ByteBuffer.wrap(stored).putInt(stored.length - 4, (int) crc.getValue());
        return stored;
    }

    @Test
    void roundTrip() {
        byte[] stored = StoredEntryCodec.encode(42, ENTRY, AT);
        assertThat(stored).hasSize(StoredEntryCodec.storedSize(ENTRY));
        StoredEntryDecodeResult result = StoredEntryCodec.decode(StoredEntryCodec.key(42), stored);
        assertThat(result).isEqualTo(new StoredEntryDecodeResult.Decoded(new OutboxMessage(42, ENTRY, AT)));
    }

    @Test
    void knownLayout() {
        OutboxEntry small = new OutboxEntry("m", Priority.WARNING, "t", new byte[] {(byte) 0xee}, 2);
        byte[] stored = StoredEntryCodec.encode(1, small, Instant.ofEpochMilli(0x0102));
        assertThat(HexFormat.of().formatHex(stored, 0, stored.length - 4)).isEqualTo(
                "01" + "0000000000000001" + "0000000000000102" + "03" + "02" + "0001" + "6d" + "0001" + "74"
                        + "00000001" + "ee");
    }

    @Test
    void keysSortAsIds() {
        assertThat(StoredEntryCodec.key(1)).isEqualTo("0000000000000001");
        assertThat(StoredEntryCodec.key(255).compareTo(StoredEntryCodec.key(4096))).isNegative();
        assertThat(StoredEntryCodec.key(Long.MAX_VALUE)).isEqualTo("7fffffffffffffff");
        assertThat(StoredEntryCodec.id("00000000000000ff")).contains(255L);
        assertThat(StoredEntryCodec.id("00000000000000FF")).isEmpty();
        assertThat(StoredEntryCodec.id("0000000000000000")).isEmpty();
        assertThat(StoredEntryCodec.id("ffffffffffffffff")).isEmpty();
        assertThat(StoredEntryCodec.id("12")).isEmpty();
    }

    @Test
    void corruptionsAreTypedRejections() {
        String key = StoredEntryCodec.key(42);
        byte[] good = StoredEntryCodec.encode(42, ENTRY, AT);
        assertThat(reason("x", good)).isEqualTo(StoredEntryRejection.BAD_KEY);
        assertThat(reason(key, new byte[0])).isEqualTo(StoredEntryRejection.TRUNCATED);
        byte[] v2 = good.clone();
        v2[0] = 2;
        assertThat(reason(key, v2)).isEqualTo(StoredEntryRejection.UNKNOWN_VERSION);
        for (int cut = 1; cut < good.length; cut++) {
            assertThat(reason(key, Arrays.copyOf(good, cut))).as("cut to %d", cut)
                    .isIn(StoredEntryRejection.TRUNCATED, StoredEntryRejection.BAD_CHECKSUM);
        }
        assertThat(reason(key, Arrays.copyOf(good, good.length + 1))).isEqualTo(StoredEntryRejection.TRAILING_OCTETS);
        byte[] flipped = good.clone();
        flipped[25] ^= 1; // inside the meter key
        assertThat(reason(key, flipped)).isEqualTo(StoredEntryRejection.BAD_CHECKSUM);
        assertThat(reason(StoredEntryCodec.key(43), good)).isEqualTo(StoredEntryRejection.ID_MISMATCH);
        byte[] priority = good.clone();
        priority[17] = 9;
        assertThat(reason(key, withCrc(priority))).isEqualTo(StoredEntryRejection.BAD_PRIORITY);
        byte[] qos = good.clone();
        qos[18] = 3;
        assertThat(reason(key, withCrc(qos))).isEqualTo(StoredEntryRejection.INVALID_ENTRY);
        byte[] utf8 = good.clone();
        utf8[21] = (byte) 0xff; // first octet of the meter key
        assertThat(reason(key, withCrc(utf8))).isEqualTo(StoredEntryRejection.BAD_UTF8);
        assertThat(new String(good, 21, 16, StandardCharsets.UTF_8)).isEqualTo("0011223344556677");
    }
}
