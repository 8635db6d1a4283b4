package org.metermesh.radio.zep;

/** Either a decoded packet or the reason the datagram was rejected; exactly one of the two is non-null. */
public record ZepDecodeResult(ZepPacket packet, ZepRejection rejection) {

    public ZepDecodeResult {
        if ((packet == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of packet and rejection must be given");
        }
    }

    static ZepDecodeResult of(ZepPacket packet) {
        return new ZepDecodeResult(packet, null);
    }

    static ZepDecodeResult rejected(ZepRejection rejection) {
        return new ZepDecodeResult(null, rejection);
    }

    public boolean isSuccess() {
        return packet != null;
    }
}
