package org.metermesh.radio.serial;

import org.metermesh.api.counters.Counters;
import java.io.IOException;

/**
 * The reader thread of one open link: bytes to HDLC-lite frames to RCP messages. Drops are counted here; messages
 * and the end of the link go to the {@link Inbound} on this thread, which hands them to the event loop.
 */
final class RcpReader implements Runnable {

    /** Where decoded input goes; called on the reader thread. */
    interface Inbound {
        void message(SerialLink link, RcpMessage message);

        /** The link failed or was closed; the reader has stopped. */
        void lost(SerialLink link, Exception cause);
    }

    private final SerialLink link;
    private final RcpCodec codec;
    private final Counters counters;
    private final Inbound inbound;

    RcpReader(SerialLink link, RcpCodec codec, Counters counters, Inbound inbound) {
        this.link = link;
        this.codec = codec;
        this.counters = counters;
        this.inbound = inbound;
    }

    @Override
    public void run() {
        HdlcLiteDecoder decoder = new HdlcLiteDecoder(codec.maxPayloadLength(), new HdlcLiteDecoder.Sink() {
            @Override
            public void frame(byte[] payload) {
                counters.increment("frames-in");
                RcpDecodeResult result = codec.decode(payload);
                if (result.isSuccess()) {
                    inbound.message(link, result.message());
                } else {
                    counters.increment("dropped:" + result.rejection().reason());
                }
            }

            @Override
            public void rejected(HdlcRejection reason) {
                counters.increment("dropped:" + reason.reason());
            }
        });
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                int read = link.read(buffer);
                decoder.decode(buffer, 0, read);
            }
        } catch (IOException e) {
            inbound.lost(link, e);
        } catch (RuntimeException e) {
            // A bug in a handler must not leave the link half alive: treat it as lost, which reconnects.
            counters.increment("reader-failed");
            inbound.lost(link, e);
        }
    }
}
