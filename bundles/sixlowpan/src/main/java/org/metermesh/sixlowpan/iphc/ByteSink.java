package org.metermesh.sixlowpan.iphc;

import java.util.Arrays;

/** A growable octet buffer for building headers. */
final class ByteSink {

    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put16(int v) {
        put(v >>> 8);
        put(v);
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    /** Appends {@code n} zero octets. */
    void skip(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }

    void set(int index, int b) {
        buf[index] = (byte) b;
    }

    void set16(int index, int v) {
        buf[index] = (byte) (v >>> 8);
        buf[index + 1] = (byte) v;
    }

    byte[] array() {
        return buf;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
