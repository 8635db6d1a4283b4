package org.metermesh.radio.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/** Queues every PHY event and records whether each came on the event loop thread. */
public final class RecordingPhyListener implements PhyListener {

    public static final Duration WAIT = Duration.ofSeconds(10);

    public final BlockingQueue<Reception> receptions = new LinkedBlockingQueue<>();
    public final BlockingQueue<TxOutcome> outcomes = new LinkedBlockingQueue<>();
    public final BlockingQueue<LinkState> states = new LinkedBlockingQueue<>();
    private final String loopThreadName;
    private volatile String offLoopCall;

    /** @param loopThreadName name of the event loop thread every call must come on */
    public RecordingPhyListener(String loopThreadName) {
        this.loopThreadName = loopThreadName;
    }

    @Override
    public void received(Reception reception) {
        checkThread("received");
        receptions.add(reception);
    }

    @Override
    public void transmitDone(TxOutcome outcome) {
        checkThread("transmitDone");
        outcomes.add(outcome);
    }

    @Override
    public void linkStateChanged(LinkState state) {
        checkThread("linkStateChanged");
        states.add(state);
    }

    private void checkThread(String call) {
        String thread = Thread.currentThread().getName();
        if (!thread.equals(loopThreadName)) {
            offLoopCall = call + " on thread " + thread;
        }
    }

    /** Null if every call came on the event loop, else the first offending call. */
    public String offLoopCall() {
        return offLoopCall;
    }

    public Reception nextReception() {
        return next(receptions, "reception");
    }

    public TxOutcome nextOutcome() {
        return next(outcomes, "transmit outcome");
    }

    public LinkState nextState() {
        return next(states, "link state change");
    }

    public static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("no " + what + " within " + WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
