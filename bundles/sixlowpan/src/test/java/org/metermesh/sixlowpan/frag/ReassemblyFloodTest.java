package org.metermesh.sixlowpan.frag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;
import org.metermesh.sixlowpan.testsupport.UncompressedIpv6Decompressor;

/** "A flood of first fragments cannot exhaust memory": the admission policy under thousands of first fragments. */
class ReassemblyFloodTest {

    static final MacAddress GATEWAY = ShortAddress.of(0x0000);

    static MacAddress sender(int i) {
        return i % 3 == 0 ? ShortAddress.of(1 + i) : ExtendedAddress.of(0x0200_0000_0000_0000L + i);
    }

    @Test
    void thousandsOfFirstFragmentsFromManySendersStayWithinTheBudget() {
        VirtualScheduler scheduler = new VirtualScheduler(1);
        ReassemblyConfig config = ReassemblyConfig.DEFAULTS;
        Reassembler reassembler = new Reassembler(scheduler, new UncompressedIpv6Decompressor(), config);
        int cost = ReassemblyConfig.bufferCost(1280);
        int capacity = config.memoryBudget() / cost;
        assertThat(cost).isEqualTo(1728);
        assertThat(capacity).isEqualTo(151);

        // Three legitimate meters have datagrams half way through when the flood starts.
        List<List<byte[]>> legit = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            List<byte[]> frames = ReassemblerTest.fragments(ReassemblerTest.packet(1280, m), 100 + m);
            legit.add(frames);
            for (byte[] frame : frames.subList(0, 7)) {
                reassembler.accept(frame, 0, frame.length, ShortAddress.of(0x8000 + m), GATEWAY);
            }
        }

        // 2000 senders, each 6 first fragments (new tags) of 1280-octet datagrams: 12000 fragments.
        int senders = 2000;
        int perSender = 6;
        int pending = 0;
        for (int s = 0; s < senders; s++) {
            MacAddress sender = sender(s);
            for (int tag = 0; tag < perSender; tag++) {
                byte[] frag1 = ReassemblerTest.fragments(ReassemblerTest.packet(1280, tag), tag).get(0);
                ReassemblyResult result = reassembler.accept(frag1, 0, frag1.length, sender, GATEWAY);
                if (result == ReassemblyResult.PENDING) {
                    pending++;
                }
                assertThat(reassembler.reservedBytes()).isLessThanOrEqualTo(config.memoryBudget());
                assertThat(reassembler.buffersOf(sender)).isLessThanOrEqualTo(config.maxBuffersPerSender());
            }
        }
        // 148 flood buffers fill the budget next to the 3 legitimate ones; the first 37 senders are stopped by the
        // per-sender limit for their 5th and 6th fragment, every later fragment by the budget.
        assertThat(pending).isEqualTo(capacity - 3);
        assertThat(reassembler.buffersInUse()).isEqualTo(capacity);
        assertThat(reassembler.count("rx:frag1")).isEqualTo(3 + senders * perSender);
        assertThat(reassembler.count(Reason.SENDER_BUFFERS_FULL)).isEqualTo(37 * 2);
        assertThat(reassembler.count(Reason.BUFFER_FULL)).isEqualTo(senders * perSender - 148 - 74);

        // The flood evicted nothing: the legitimate datagrams complete.
        for (int m = 0; m < 3; m++) {
            List<byte[]> frames = legit.get(m);
            ReassemblyResult last = null;
            for (byte[] frame : frames.subList(7, frames.size())) {
                last = reassembler.accept(frame, 0, frame.length, ShortAddress.of(0x8000 + m), GATEWAY);
            }
            assertThat(last).isInstanceOf(ReassemblyResult.Reassembled.class);
        }
        assertThat(reassembler.count("reassembled")).isEqualTo(3);

        // One timeout later every flood buffer is gone and new datagrams are accepted again.
        scheduler.runFor(config.timeout());
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isEqualTo(148);
        assertThat(reassembler.buffersInUse()).isZero();
        assertThat(reassembler.reservedBytes()).isZero();
        assertThat(scheduler.pending()).isZero();
        byte[] packet = ReassemblerTest.packet(1280, 9);
        ReassemblyResult last = null;
        for (byte[] frame : ReassemblerTest.fragments(packet, 9)) {
            last = reassembler.accept(frame, 0, frame.length, sender(1), GATEWAY);
        }
        assertThat(((ReassemblyResult.Reassembled) last).packet()).isEqualTo(packet);
    }

    @Test
    void aRandomFloodOverTimeNeverExceedsTheBudgetAndEveryFragmentIsAccountedFor() {
        VirtualScheduler scheduler = new VirtualScheduler(2);
        ReassemblyConfig config = ReassemblyConfig.DEFAULTS.withMemoryBudget(64 * 1024).withMaxBuffersPerSender(2);
        Reassembler reassembler = new Reassembler(scheduler, new UncompressedIpv6Decompressor(), config);
        SplittableRandom random = new SplittableRandom(7);
        int fragments = 20_000;
        int pending = 0;
        long peak = 0;
        for (int i = 0; i < fragments; i++) {
            int size = 128 + random.nextInt(1280 - 128 + 1); // large enough to need fragments
            byte[] frag1 = ReassemblerTest.fragments(ReassemblerTest.packet(size, i), i & 0xffff).get(0);
            MacAddress sender = sender(random.nextInt(500));
            if (reassembler.accept(frag1, 0, frag1.length, sender, GATEWAY) == ReassemblyResult.PENDING) {
                pending++;
            }
            assertThat(reassembler.buffersOf(sender)).isLessThanOrEqualTo(2);
            peak = Math.max(peak, reassembler.reservedBytes());
            scheduler.runFor(Duration.ofMillis(10)); // 200 s in all: buffers time out while the flood goes on
        }
        assertThat(peak).isLessThanOrEqualTo(config.memoryBudget());
        long refused = reassembler.count(Reason.BUFFER_FULL) + reassembler.count(Reason.SENDER_BUFFERS_FULL);
        assertThat(pending + refused).isEqualTo(fragments);
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT) + reassembler.buffersInUse()).isEqualTo(pending);
        // 200 s of flood are more than three timeouts: the budget was filled and freed again and again.
        assertThat(pending).as("timeouts made room again and again")
                .isGreaterThan(3 * (config.memoryBudget() / ReassemblyConfig.bufferCost(1280)));
        scheduler.runFor(config.timeout());
        assertThat(reassembler.reservedBytes()).isZero();
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isEqualTo(pending);
    }
}
