package org.metermesh.radio.pcap;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Objects;

import org.metermesh.radio.frame.FcsType;

/**
 * Writes a classic pcap capture (not pcapng) of IEEE 802.15.4 PSDUs that Wireshark and tshark open, so the driver
 * can capture every frame it sends or receives.
 *
 * <p>Format: tcpdump pcap-savefile(5) / draft-ietf-opsawg-pcap: a 24-octet file header (magic 0xa1b2c3d4 for
 * microsecond timestamps, version 2.4, thiszone 0, sigfigs 0, snaplen, link type) and per frame a 16-octet record
 * header (seconds, microseconds, captured length, original length) then the data. Written little-endian; the magic
 * tells readers the byte order. Each record goes to the stream in one {@code write} call.
 *
 * <p>With {@link LinkType#IEEE802_15_4_WITHFCS} the data is the PSDU, FCS included; readers assume CRC-16 unless
 * configured (tshark {@code -o wpan.fcs_format:"ITU-T CRC-32"}). With {@link LinkType#IEEE802_15_4_TAP} a TAP header
 * carrying the FCS type and radio metadata precedes the PSDU, so CRC-32 SUN frames need no reader configuration.
 */
public final class PcapWriter implements Closeable, Flushable {

    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int SNAPLEN = 262_144;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final OutputStream out;
    private final LinkType linkType;
    private long framesWritten;

    /** Writes the file header at once. */
    public PcapWriter(OutputStream out, LinkType linkType) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.linkType = Objects.requireNonNull(linkType, "linkType");
        ByteBuffer h = ByteBuffer.allocate(FILE_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(linkType.value());
        out.write(h.array());
    }

    public LinkType linkType() {
        return linkType;
    }

    public synchronized long framesWritten() {
        return framesWritten;
    }

    /** Writes one frame stamped with {@code timestamp}. */
    public void write(Instant timestamp, byte[] psdu, TapMetadata metadata) throws IOException {
        long micros = Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000L),
                timestamp.getNano() / 1_000);
        write(micros, psdu, 0, psdu.length, metadata);
    }

    /**
     * Writes one frame.
     *
     * @param epochMicros microseconds since 1970-01-01T00:00:00Z
     * @param psdu        the PSDU: MPDU plus the FCS named in {@code metadata}
     * @param metadata    FCS type and, for the TAP link type, the radio metadata to record
     * @throws IllegalArgumentException for an FCS-less PSDU in a WITHFCS capture, or a timestamp outside pcap's
     *                                  32-bit seconds
     */
    public synchronized void write(long epochMicros, byte[] psdu, int off, int len, TapMetadata metadata)
            throws IOException {
        Objects.checkFromIndexSize(off, len, psdu.length);
        Objects.requireNonNull(metadata, "metadata");
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        if (seconds < 0 || seconds > 0xffff_ffffL) {
            throw new IllegalArgumentException("timestamp " + epochMicros + " us does not fit pcap's seconds field");
        }
        boolean tap = linkType == LinkType.IEEE802_15_4_TAP;
        if (!tap && metadata.fcsType() == FcsType.NONE) {
            throw new IllegalArgumentException(
                    "LINKTYPE_IEEE802_15_4_WITHFCS needs a PSDU with FCS; use the TAP link type");
        }
        int dataLength = (tap ? TapHeaderEncoder.length(metadata) : 0) + len;
        ByteBuffer r = ByteBuffer.allocate(RECORD_HEADER_LENGTH + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) seconds).putInt((int) Math.floorMod(epochMicros, 1_000_000L)).putInt(dataLength)
                .putInt(dataLength);
        if (tap) {
            TapHeaderEncoder.write(r, metadata);
        }
        r.put(psdu, off, len);
        out.write(r.array());
        framesWritten++;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
