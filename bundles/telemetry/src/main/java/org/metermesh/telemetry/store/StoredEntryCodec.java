package org.metermesh.telemetry.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The stored form of an outbox entry: the map key is the id as 16 lowercase hex digits (so the state map's
 * ascending key order is id order), the value is, big-endian:
 *
 * <pre>
 * offset size
 *  0     1   version = 1
 *  1     8   id (equals the key)
 *  9     8   accepted at, epoch milliseconds
 * 17     1   priority code ({@link Priority#code()})
 * 18     1   QoS (0..2)
 * 19     2   meter key length N, then N octets UTF-8
 *  .     2   topic length T, then T octets UTF-8
 *  .     4   payload length P, then P octets
 *  .     4   CRC-32 (IEEE 802.3, java.util.zip.CRC32) of every octet before it
 * </pre>
 *
 * A new layout gets a new version octet; the decoder keeps reading the old ones.
 */
public final class StoredEntryCodec {

    public static final int VERSION = 1;
    /** Octets of a stored entry besides meter key, topic and payload. */
    public static final int OVERHEAD = 1 + 8 + 8 + 1 + 1 + 2 + 2 + 4 + 4;

    private StoredEntryCodec() {
    }

    /** The map key of an id: 16 lowercase hex digits. */
    public static String key(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("outbox ids are positive: " + id);
        }
        String hex = Long.toHexString(id);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The id of a map key, if it is one. */
    public static Optional<Long> id(String key) {
        if (key.length() != 16) {
            return Optional.empty();
        }
        for (int i = 0; i < 16; i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        long id = Long.parseUnsignedLong(key, 16);
        return id > 0 ? Optional.of(id) : Optional.empty();
    }

    /** The stored size of an entry, in octets. */
    public static int storedSize(OutboxEntry entry) {
        return OVERHEAD + utf8(entry.meterKey()).length + utf8(entry.topic()).length + entry.payloadLength();
    }

    public static byte[] encode(long id, OutboxEntry entry, Instant acceptedAt) {
        byte[] meter = utf8(entry.meterKey());
        byte[] topic = utf8(entry.topic());
        byte[] payload = entry.payload();
        ByteBuffer out = ByteBuffer.allocate(OVERHEAD + meter.length + topic.length + payload.length);
        out.put((byte) VERSION);
        out.putLong(id);
        out.putLong(acceptedAt.toEpochMilli());
        out.put((byte) entry.priority().code());
        out.put((byte) entry.qos());
        out.putShort((short) meter.length).put(meter);
        out.putShort((short) topic.length).put(topic);
        out.putInt(payload.length).put(payload);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** Reads the entry stored under {@code key}. */
    public static StoredEntryDecodeResult decode(String key, byte[] stored) {
        Optional<Long> keyId = id(key);
        if (keyId.isEmpty()) {
            return rejected(StoredEntryRejection.BAD_KEY, "key '" + key + "' is not an outbox id");
        }
        if (stored.length == 0) {
            return rejected(StoredEntryRejection.TRUNCATED, "entry " + key + " is empty");
        }
        if (stored[0] != VERSION) {
            return rejected(StoredEntryRejection.UNKNOWN_VERSION,
                    "entry " + key + " has version " + (stored[0] & 0xff) + ", this codec reads " + VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        try {
            in.get();
            long id = in.getLong();
            long acceptedAtMs = in.getLong();
            int priorityCode = in.get() & 0xff;
            int qos = in.get() & 0xff;
            byte[] meter = new byte[in.getShort() & 0xffff];
            in.get(meter);
            byte[] topic = new byte[in.getShort() & 0xffff];
            in.get(topic);
            int payloadLength = in.getInt();
            if (payloadLength < 0 || payloadLength > in.remaining()) {
                return rejected(StoredEntryRejection.TRUNCATED,
                        "entry " + key + " claims " + Integer.toUnsignedString(payloadLength)
                                + " payload octets, has " + in.remaining());
            }
            byte[] payload = new byte[payloadLength];
            in.get(payload);
            int crcOffset = in.position();
            int storedCrc = in.getInt();
            if (in.hasRemaining()) {
                return rejected(StoredEntryRejection.TRAILING_OCTETS,
                        "entry " + key + " has " + in.remaining() + " octets after its CRC");
            }
            CRC32 crc = new CRC32();
            crc.update(stored, 0, crcOffset);
            if ((int) crc.getValue() != storedCrc) {
                return rejected(StoredEntryRejection.BAD_CHECKSUM, "entry " + key + " fails its CRC-32");
            }
            if (id != keyId.get()) {
                return rejected(StoredEntryRejection.ID_MISMATCH,
                        "entry " + key + " holds id " + Long.toHexString(id));
            }
            Optional<Priority> priority = Priority.fromCode(priorityCode);
            if (priority.isEmpty()) {
                return rejected(StoredEntryRejection.BAD_PRIORITY,
                        "entry " + key + " has unknown priority code " + priorityCode);
            }
            String meterKey = strictUtf8(meter);
            String topicName = strictUtf8(topic);
            if (meterKey == null || topicName == null) {
                return rejected(StoredEntryRejection.BAD_UTF8,
                        "entry " + key + " has a " + (meterKey == null ? "meter key" : "topic") + " that is not UTF-8");
            }
            OutboxEntry entry;
            try {
                entry = new OutboxEntry(meterKey, priority.get(), topicName, payload, qos);
            } catch (IllegalArgumentException e) {
                return rejected(StoredEntryRejection.INVALID_ENTRY, "entry " + key + ": " + e.getMessage());
            }
            return new StoredEntryDecodeResult.Decoded(
                    new OutboxMessage(id, entry, Instant.ofEpochMilli(acceptedAtMs)));
        } catch (BufferUnderflowException e) {
            return rejected(StoredEntryRejection.TRUNCATED,
                    "entry " + key + " ends after " + stored.length + " octets, inside a field");
        }
    }

    private static StoredEntryDecodeResult rejected(StoredEntryRejection reason, String detail) {
        return new StoredEntryDecodeResult.Rejected(reason, detail);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String strictUtf8(byte[] octets) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
