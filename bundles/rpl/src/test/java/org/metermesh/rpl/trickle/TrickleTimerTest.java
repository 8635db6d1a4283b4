package org.metermesh.rpl.trickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metermesh.platform.clock.VirtualScheduler;

/** RFC 6206 4.2's rules, checked in virtual time. */
class TrickleTimerTest {

    private static final long SECOND = 1_000_000_000L;

    /** Records interval starts, sizes and transmission times. */
    private static final class Recorder implements TrickleListener {
        final VirtualScheduler scheduler;
        final List<Long> starts = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        final List<Long> transmissions = new ArrayList<>();
        Runnable onTransmit = () -> { };

        Recorder(VirtualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void transmit() {
            transmissions.add(scheduler.nanoTime());
            onTransmit.run();
        }

        @Override
        public void intervalStarted(Duration interval) {
            starts.add(scheduler.nanoTime());
            sizes.add(interval.toNanos());
        }
    }

    private static TrickleConfig config(long iminSeconds, int doublings, int k) {
        return new TrickleConfig(Duration.ofSeconds(iminSeconds), doublings, k);
    }

    @Test
    void intervalsDoubleFromIminUpToImaxAndStayThere() {
        // Rule 1 and 5: I = Imin, then min(2I, Imax). Imin 1 s, 3 doublings: 1, 2, 4, 8, 8, 8 s...
        VirtualScheduler s = new VirtualScheduler(1);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 3, 0), r);
        t.start();
        s.runFor(Duration.ofSeconds(1 + 2 + 4 + 8 + 8 + 8));
        assertThat(r.sizes).containsExactly(1 * SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND, 8 * SECOND, 8 * SECOND,
                8 * SECOND);
        assertThat(r.starts).containsExactly(0L, 1 * SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND, 23 * SECOND,
                31 * SECOND);
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void transmitsOncePerIntervalAtARandomTimeInTheSecondHalf() {
        // Rule 2 and 4 with k = 0 (never suppress): exactly one transmission per interval, at t in [I/2, I).
        VirtualScheduler s = new VirtualScheduler(42);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(4, 8, 0), r);
        t.start();
        s.runFor(Duration.ofHours(6));
        int complete = r.starts.size() - 1; // the last interval is still running
        assertThat(r.transmissions).hasSizeBetween(complete, complete + 1);
        for (int i = 0; i < complete; i++) {
            long start = r.starts.get(i);
            long size = r.sizes.get(i);
            long at = r.transmissions.get(i) - start;
            assertThat(at).as("interval %d of %d ns", i, size).isGreaterThanOrEqualTo(size / 2).isLessThan(size);
        }
        assertThat(t.transmissions()).isEqualTo(r.transmissions.size());
        assertThat(t.suppressions()).isZero();
    }

    @Test
    void transmissionTimesSpreadOverTheWholeSecondHalf() {
        // t is uniform in [I/2, I): over many intervals of 1 s its mean is near 0.75 s and both quarters are hit.
        VirtualScheduler s = new VirtualScheduler(7);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 0, 0), r);
        t.start();
        s.runFor(Duration.ofSeconds(2000));
        double sum = 0;
        int early = 0;
        for (int i = 0; i < r.transmissions.size(); i++) {
            long offset = r.transmissions.get(i) - r.starts.get(i);
            sum += offset;
            early += offset < 750_000_000L ? 1 : 0;
        }
        double mean = sum / r.transmissions.size() / SECOND;
        assertThat(mean).isBetween(0.74, 0.76);
        assertThat(early / (double) r.transmissions.size()).isBetween(0.45, 0.55);
    }

    @Test
    void suppressesWhenKConsistentTransmissionsWereHeard() {
        // Rule 3 and 4: c >= k at time t suppresses; c < k transmits.
        VirtualScheduler s = new VirtualScheduler(3);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(10, 0, 2), r);
        t.start();
        t.consistent();
        t.consistent(); // c = 2 = k before t (t >= 5 s)
        s.runFor(Duration.ofSeconds(10));
        assertThat(r.transmissions).isEmpty();
        assertThat(t.suppressions()).isEqualTo(1);

        t.consistent(); // c = 1 < k in the second interval
        assertThat(t.counter()).isEqualTo(1);
        s.runFor(Duration.ofSeconds(10));
        assertThat(r.transmissions).hasSize(1);

        s.runFor(Duration.ofSeconds(10)); // c reset to 0 at the interval start: transmits
        assertThat(r.transmissions).hasSize(2);
        assertThat(t.counter()).isZero();
    }

    @Test
    void consistentTransmissionsAfterTimeTDoNotMatter() {
        VirtualScheduler s = new VirtualScheduler(3);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(10, 0, 1), r);
        t.start();
        s.runUntil(t.transmitTimeNanos());
        assertThat(r.transmissions).hasSize(1);
        assertThat(t.transmitDecided()).isTrue();
        t.consistent();
        assertThat(r.transmissions).hasSize(1);
    }

    @Test
    void kZeroNeverSuppresses() {
        // k = 0: every interval transmits however many consistent messages were heard (RFC 6550 DIORedundancy 0
        // as Contiki-NG rpl-lite and Wi-SUN use it).
        VirtualScheduler s = new VirtualScheduler(5);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 0, 0), r);
        t.start();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 100; j++) {
                t.consistent();
            }
            s.runFor(Duration.ofSeconds(1));
        }
        assertThat(r.transmissions).hasSize(10);
    }

    @Test
    void inconsistencyResetsToIminOnlyWhenIExceedsIt() {
        // Rule 6.
        VirtualScheduler s = new VirtualScheduler(9);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 4, 0), r);
        t.start();
        s.runFor(Duration.ofMillis(500));
        t.inconsistent(); // I = Imin: nothing happens
        assertThat(r.starts).containsExactly(0L);
        assertThat(t.resets()).isZero();

        s.runFor(Duration.ofMillis(3500)); // now 4 s into the run, inside the 4 s interval [3 s, 7 s)
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(4));
        int transmittedBefore = r.transmissions.size();
        t.inconsistent();
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.intervalStartNanos()).isEqualTo(4 * SECOND);
        assertThat(t.counter()).isZero();
        assertThat(t.resets()).isEqualTo(1);
        // the 4 s interval's pending transmission and doubling were cancelled: next interval is 2 s at 5 s
        s.runFor(Duration.ofSeconds(1));
        assertThat(r.starts).last().isEqualTo(5 * SECOND);
        assertThat(r.sizes).last().isEqualTo(2 * SECOND);
        assertThat(r.transmissions.size()).isEqualTo(transmittedBefore + 1);
    }

    @Test
    void resetIsAnExternalInconsistency() {
        VirtualScheduler s = new VirtualScheduler(9);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 4, 0), r);
        t.start();
        s.runFor(Duration.ofSeconds(5));
        t.reset();
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theSameSeedGivesTheSameTransmissionsAndAnotherSeedDoesNot() {
        assertThat(run(1234)).isEqualTo(run(1234));
        assertThat(run(1234)).isNotEqualTo(run(4321));
    }

    private static List<Long> run(long seed) {
        VirtualScheduler s = new VirtualScheduler(seed);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, TrickleConfig.METERMESH_DEFAULT, r);
        t.start();
        s.runFor(Duration.ofMinutes(30));
        t.inconsistent();
        s.runFor(Duration.ofMinutes(30));
        return r.transmissions;
    }

    @Test
    void stopSilencesAndStartBeginsAgainAtImin() {
        VirtualScheduler s = new VirtualScheduler(11);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 5, 0), r);
        t.start();
        s.runFor(Duration.ofSeconds(10));
        t.stop();
        int sent = r.transmissions.size();
        s.runFor(Duration.ofMinutes(10));
        assertThat(r.transmissions).hasSize(sent);
        assertThat(s.pending()).isZero();
        t.consistent();
        t.inconsistent();
        assertThat(t.isRunning()).isFalse();
        t.start();
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(1));
        s.runFor(Duration.ofSeconds(1));
        assertThat(r.transmissions).hasSize(sent + 1);
    }

    @Test
    void reconfigureRestartsAtTheNewImin() {
        VirtualScheduler s = new VirtualScheduler(13);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 5, 0), r);
        t.start();
        s.runFor(Duration.ofSeconds(20));
        t.reconfigure(TrickleConfig.WISUN_FAN_SMALL);
        assertThat(t.interval()).isEqualTo(Duration.ofMillis(32_768));
        assertThat(t.config()).isEqualTo(TrickleConfig.WISUN_FAN_SMALL);
        assertThat(s.pending()).isEqualTo(2); // one transmission decision and one interval end, nothing stale
    }

    @Test
    void theListenerMayResetTheTimerFromItsCallback() {
        // A DODAG core that hears of a new version while sending resets its own timer: no stale tasks survive.
        VirtualScheduler s = new VirtualScheduler(17);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, config(1, 6, 0), r);
        r.onTransmit = () -> {
            if (r.transmissions.size() == 5) {
                t.inconsistent();
            }
        };
        t.start();
        s.runFor(Duration.ofSeconds(60));
        assertThat(t.resets()).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(2);
        for (int i = 0; i + 1 < r.starts.size(); i++) {
            assertThat(r.starts.get(i + 1) - r.starts.get(i)).isLessThanOrEqualTo(r.sizes.get(i));
        }
    }

    @Test
    void countsTransmissionsInALongQuietRun() {
        // MeterMesh default: Imin 16.384 s, 6 doublings, Imax 1048.576 s. Intervals until Imax: 16.384 * (2^7 - 1)
        // = 2080.768 s for 7 intervals; one hour then holds floor((3600 - 2080.768) / 1048.576) = 1 more complete
        // interval, with k = 10 and nobody else talking each of them transmits once: 8 transmissions, and the
        // 9th interval (started at 3129.344 s) transmits at t >= 524.288 s into it, after the hour.
        VirtualScheduler s = new VirtualScheduler(21);
        Recorder r = new Recorder(s);
        TrickleTimer t = new TrickleTimer(s, TrickleConfig.METERMESH_DEFAULT, r);
        t.start();
        s.runFor(Duration.ofHours(1));
        assertThat(r.starts).hasSize(9);
        assertThat(r.starts.get(8)).isEqualTo(3_129_344_000_000L);
        assertThat(r.transmissions).hasSize(8);
    }
}
