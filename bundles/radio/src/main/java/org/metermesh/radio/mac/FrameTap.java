package org.metermesh.radio.mac;

/** Sees every PSDU the MAC sends or hears, before any checking: the hook for pcap capture. */
public interface FrameTap {

    FrameTap NONE = new FrameTap() {
        @Override
        public void sent(byte[] psdu, int channel, long timestampNanos) {
        }

        @Override
        public void heard(org.metermesh.radio.phy.Reception reception) {
        }
    };

    void sent(byte[] psdu, int channel, long timestampNanos);

    void heard(org.metermesh.radio.phy.Reception reception);
}
