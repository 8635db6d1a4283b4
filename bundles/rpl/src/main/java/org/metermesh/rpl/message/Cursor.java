package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import java.util.Arrays;

/**
 * A bounds-checked big-endian (network order) cursor over part of an array. Every read names the rejection reason
 * to report when the octets are not there, so no read can fail with an unchecked exception.
 */
final class Cursor {

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    Cursor(byte[] buf, int off, int len) {
        this.buf = buf;
        this.start = off;
        this.pos = off;
        this.end = off + len;
    }

    /** Offset from the start of the message body, for rejection reports. */
    int offset() {
        return pos - start;
    }

    int remaining() {
        return end - pos;
    }

    void require(int n, RplRejectReason reason, String what) throws RplDecodeException {
        if (end - pos < n) {
            throw new RplDecodeException(reason, offset(), what + " needs " + n + " octets, " + (end - pos) + " left");
        }
    }

    int u8(RplRejectReason reason, String what) throws RplDecodeException {
        require(1, reason, what);
        return buf[pos++] & 0xff;
    }

    int u16(RplRejectReason reason, String what) throws RplDecodeException {
        require(2, reason, what);
        int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    long u32(RplRejectReason reason, String what) throws RplDecodeException {
        require(4, reason, what);
        long v = (buf[pos] & 0xffL) << 24 | (buf[pos + 1] & 0xffL) << 16 | (buf[pos + 2] & 0xffL) << 8
                | (buf[pos + 3] & 0xffL);
        pos += 4;
        return v;
    }

    Ipv6Address address(RplRejectReason reason, String what) throws RplDecodeException {
        require(Ipv6Address.LENGTH, reason, what);
        Ipv6Address a = Ipv6Address.of(buf, pos);
        pos += Ipv6Address.LENGTH;
        return a;
    }

    /** The first {@code n} (at most 16) octets of a prefix, zero-filled to an address. */
    Ipv6Address prefix(int n, RplRejectReason reason, String what) throws RplDecodeException {
        require(n, reason, what);
        byte[] padded = new byte[Ipv6Address.LENGTH];
        System.arraycopy(buf, pos, padded, 0, n);
        Ipv6Address a = Ipv6Address.of(padded);
        pos += n;
        return a;
    }

    byte[] bytes(int n, RplRejectReason reason, String what) throws RplDecodeException {
        require(n, reason, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    void skip(int n, RplRejectReason reason, String what) throws RplDecodeException {
        require(n, reason, what);
        pos += n;
    }
}
