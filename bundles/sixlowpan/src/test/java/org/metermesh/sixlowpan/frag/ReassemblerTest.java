package org.metermesh.sixlowpan.frag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;
import org.metermesh.sixlowpan.testsupport.Bytes;
import org.metermesh.sixlowpan.testsupport.ToyHeaderCompression;
import org.metermesh.sixlowpan.testsupport.UncompressedIpv6Decompressor;

class ReassemblerTest {

    static final MacAddress METER = ExtendedAddress.of(0x0012_4b00_0000_0001L);
    static final MacAddress GATEWAY = ExtendedAddress.of(0x0012_4b00_0000_00ffL);

    private VirtualScheduler scheduler;
    private Reassembler reassembler;
    private final List<String> drops = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler(42);
        reassembler = reassembler(ReassemblyConfig.DEFAULTS);
    }

    private Reassembler reassembler(ReassemblyConfig config) {
        return new Reassembler(scheduler, new UncompressedIpv6Decompressor(), config,
                (reason, source, destination, tag, detail) -> drops.add(reason + " " + source + " tag " + tag));
    }

    /** A 1280-octet packet with an uncompressed header, fragmented for 102-octet frame payloads: 14 fragments. */
    static List<byte[]> fragments(byte[] packet, int tag) {
        return new Fragmenter(FragmenterTest.CLASSIC_PAYLOAD).fragment(
                UncompressedIpv6Decompressor.compressedHeader(packet), 40,
                Arrays.copyOfRange(packet, 40, packet.length), packet.length, tag);
    }

    static byte[] packet(int size, long seed) {
        byte[] packet = Bytes.random(size, seed);
        packet[0] = 0x60;
        return packet;
    }

    private ReassemblyResult feed(List<byte[]> frames, MacAddress source, MacAddress destination) {
        ReassemblyResult last = null;
        for (byte[] frame : frames) {
            last = reassembler.accept(frame, 0, frame.length, source, destination);
        }
        return last;
    }

    private ReassemblyResult accept(byte[] frame) {
        return reassembler.accept(frame, 0, frame.length, METER, GATEWAY);
    }

    private static byte[] packetOf(ReassemblyResult result) {
        assertThat(result).isInstanceOf(ReassemblyResult.Reassembled.class);
        return ((ReassemblyResult.Reassembled) result).packet();
    }

    private void assertEmpty() {
        assertThat(reassembler.buffersInUse()).isZero();
        assertThat(reassembler.reservedBytes()).isZero();
        assertThat(reassembler.buffersOf(METER)).isZero();
    }

    @Test
    void inOrder() {
        byte[] packet = packet(1280, 1);
        List<byte[]> frames = fragments(packet, 0x1234);
        for (int i = 0; i < frames.size() - 1; i++) {
            assertThat(accept(frames.get(i))).isSameAs(ReassemblyResult.PENDING);
        }
        ReassemblyResult result = accept(frames.get(frames.size() - 1));
        assertThat(packetOf(result)).isEqualTo(packet);
        ReassemblyResult.Reassembled done = (ReassemblyResult.Reassembled) result;
        assertThat(done.source()).isEqualTo(METER);
        assertThat(done.destination()).isEqualTo(GATEWAY);
        assertThat(done.tag()).isEqualTo(0x1234);
        assertThat(done.udpChecksumElided()).isFalse();
        assertEmpty();
        assertThat(reassembler.counters()).containsEntry("rx:frag1", 1L).containsEntry("rx:fragn", 13L)
                .containsEntry("reassembled", 1L).hasSize(3);
        assertThat(scheduler.pending()).as("the timer was cancelled").isZero();
    }

    @Test
    void reversedAndShuffled() {
        byte[] packet = packet(1280, 2);
        List<byte[]> frames = new ArrayList<>(fragments(packet, 1));
        Collections.reverse(frames);
        assertThat(packetOf(feed(frames, METER, GATEWAY))).isEqualTo(packet);
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(frames, new Random(seed));
            assertThat(packetOf(feed(frames, METER, GATEWAY))).isEqualTo(packet);
        }
        assertThat(reassembler.count("reassembled")).isEqualTo(21);
        assertEmpty();
    }

    @Test
    void identicalDuplicatesAreIgnored() {
        byte[] packet = packet(1280, 3);
        List<byte[]> frames = fragments(packet, 2);
        List<byte[]> doubled = new ArrayList<>();
        for (byte[] frame : frames.subList(0, frames.size() - 1)) {
            doubled.add(frame);
            doubled.add(frame.clone());
        }
        Collections.shuffle(doubled, new Random(3));
        for (byte[] frame : doubled) {
            ReassemblyResult result = accept(frame);
            assertThat(result).isIn(ReassemblyResult.PENDING, ReassemblyResult.DUPLICATE);
        }
        assertThat(reassembler.count("duplicate")).isEqualTo(frames.size() - 1);
        assertThat(packetOf(accept(frames.get(frames.size() - 1)))).isEqualTo(packet);
        assertThat(reassembler.counters().keySet()).noneMatch(name -> name.startsWith("dropped:"));
    }

    @Test
    void aMissingFragmentTimesOutAndFreesTheBuffer() {
        List<byte[]> frames = new ArrayList<>(fragments(packet(1280, 4), 3));
        frames.remove(6);
        assertThat(feed(frames, METER, GATEWAY)).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.buffersInUse()).isOne();
        assertThat(reassembler.reservedBytes()).isEqualTo(ReassemblyConfig.bufferCost(1280));

        scheduler.runFor(Duration.ofSeconds(60).minusNanos(1));
        assertThat(reassembler.buffersInUse()).isOne();
        scheduler.runFor(Duration.ofNanos(1));
        assertEmpty();
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isOne();
        assertThat(reassembler.counters()).containsEntry("dropped:reassembly_timeout", 1L);
        assertThat(drops).containsExactly("REASSEMBLY_TIMEOUT " + METER + " tag 3");
    }

    @Test
    void theTimerRunsFromTheFirstFragmentAndLaterFragmentsDoNotRestartIt() {
        List<byte[]> frames = fragments(packet(1280, 5), 4);
        accept(frames.get(3));
        scheduler.runFor(Duration.ofSeconds(59));
        accept(frames.get(0));
        accept(frames.get(1));
        scheduler.runFor(Duration.ofSeconds(1));
        assertEmpty();
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isOne();
        // The remaining fragments now start a new datagram, which times out in its turn.
        assertThat(feed(frames.subList(4, frames.size()), METER, GATEWAY)).isSameAs(ReassemblyResult.PENDING);
        scheduler.runFor(Duration.ofSeconds(60));
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isEqualTo(2);
        assertEmpty();
    }

    @Test
    void theTimeoutIsConfigurable() {
        reassembler = reassembler(ReassemblyConfig.DEFAULTS.withTimeout(Duration.ofSeconds(5)));
        accept(fragments(packet(1280, 6), 5).get(0));
        scheduler.runFor(Duration.ofSeconds(5));
        assertEmpty();
        assertThat(reassembler.count(Reason.REASSEMBLY_TIMEOUT)).isOne();
        assertThatIllegalArgumentException().as("RFC 4944 5.3: at most 60 s")
                .isThrownBy(() -> ReassemblyConfig.DEFAULTS.withTimeout(Duration.ofSeconds(61)));
        assertThatIllegalArgumentException().isThrownBy(() -> ReassemblyConfig.DEFAULTS.withTimeout(Duration.ZERO));
    }

    @Test
    void aConflictingOverlapDiscardsTheAccumulatedFragmentsAndStartsAfresh() {
        byte[] packet = packet(1280, 7);
        List<byte[]> frames = fragments(packet, 6);
        accept(frames.get(0));
        accept(frames.get(1)); // octets 96..192
        accept(frames.get(2)); // octets 192..288
        // A FRAGN at 144 overlaps the second fragment with another offset.
        byte[] overlapping = new byte[5 + 48];
        FragmentHeader.fragN(1280, 6, 18).writeTo(overlapping, 0);
        assertThat(accept(overlapping)).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.count(Reason.OVERLAP)).isOne();
        assertThat(reassembler.buffersInUse()).as("fresh reassembly with the newest fragment").isOne();
        assertThat(drops).containsExactly("OVERLAP " + METER + " tag 6");

        // A resent fragment 1 (96..192) conflicts with the new one (144..192) in its turn.
        assertThat(accept(frames.get(1))).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.count(Reason.OVERLAP)).isEqualTo(2);
        // Resent in full, the datagram gets through.
        assertThat(packetOf(feed(frames, METER, GATEWAY))).isEqualTo(packet);
    }

    @Test
    void sameOffsetAndLengthButOtherContentIsAConflictNotADuplicate() {
        byte[] packet = packet(1280, 8);
        List<byte[]> frames = fragments(packet, 7);
        accept(frames.get(0));
        accept(frames.get(5));
        byte[] forged = frames.get(5).clone();
        forged[40] ^= 1;
        assertThat(accept(forged)).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.count(Reason.OVERLAP)).isOne();
        assertThat(reassembler.count("duplicate")).isZero();
        // A first fragment whose decompressed header differs conflicts likewise.
        accept(frames.get(0));
        byte[] otherHeader = frames.get(0).clone();
        otherHeader[10] ^= 1;
        accept(otherHeader);
        assertThat(reassembler.count(Reason.OVERLAP)).isEqualTo(2);
    }

    @Test
    void aTagReusedWithAnotherSizeDropsTheOlderDatagramAndRestarts() {
        byte[] large = packet(1280, 9);
        byte[] small = packet(640, 10);
        List<byte[]> first = fragments(large, 8);
        accept(first.get(0));
        accept(first.get(1));
        List<byte[]> second = fragments(small, 8);
        assertThat(accept(second.get(0))).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.count(Reason.SIZE_CHANGED)).isOne();
        assertThat(reassembler.buffersInUse()).isOne();
        assertThat(reassembler.reservedBytes()).isEqualTo(ReassemblyConfig.bufferCost(640));
        assertThat(packetOf(feed(second.subList(1, second.size()), METER, GATEWAY))).isEqualTo(small);
        assertEmpty();
    }

    @Test
    void sourceDestinationSizeAndTagIdentifyADatagram() {
        MacAddress otherMeter = ShortAddress.of(0x0001);
        MacAddress otherGateway = ShortAddress.of(0x0000);
        byte[] a = packet(1280, 11);
        byte[] b = packet(1280, 12);
        byte[] c = packet(1280, 13);
        List<byte[]> fa = fragments(a, 9);
        List<byte[]> fb = fragments(b, 9);
        List<byte[]> fc = fragments(c, 9);
        ReassemblyResult ra = null;
        ReassemblyResult rb = null;
        ReassemblyResult rc = null;
        for (int i = fa.size() - 1; i >= 0; i--) {
            ra = reassembler.accept(fa.get(i), 0, fa.get(i).length, METER, GATEWAY);
            rb = reassembler.accept(fb.get(i), 0, fb.get(i).length, otherMeter, GATEWAY);
            rc = reassembler.accept(fc.get(i), 0, fc.get(i).length, METER, otherGateway);
        }
        assertThat(packetOf(ra)).isEqualTo(a);
        assertThat(packetOf(rb)).isEqualTo(b);
        assertThat(packetOf(rc)).isEqualTo(c);
        assertThat(reassembler.counters().keySet()).noneMatch(name -> name.startsWith("dropped:"));
    }

    @Test
    void tagsWrapAround() {
        DatagramTagSequence tags = new DatagramTagSequence(0xfffe);
        Fragmenter fragmenter = new Fragmenter(FragmenterTest.CLASSIC_PAYLOAD);
        List<byte[]> packets = new ArrayList<>();
        List<List<byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] packet = packet(1280, 20 + i);
            packets.add(packet);
            sent.add(fragmenter.fragment(UncompressedIpv6Decompressor.compressedHeader(packet), 40,
                    Arrays.copyOfRange(packet, 40, 1280), 1280, tags));
        }
        // Interleave the four datagrams (tags 0xfffe, 0xffff, 0, 1) fragment by fragment.
        List<ReassemblyResult.Reassembled> done = new ArrayList<>();
        for (int i = 0; i < sent.get(0).size(); i++) {
            for (List<byte[]> frames : sent) {
                ReassemblyResult result = accept(frames.get(i));
                if (result instanceof ReassemblyResult.Reassembled r) {
                    done.add(r);
                }
            }
        }
        assertThat(done).extracting(ReassemblyResult.Reassembled::tag).containsExactly(0xfffe, 0xffff, 0, 1);
        for (int i = 0; i < 4; i++) {
            assertThat(done.get(i).packet()).isEqualTo(packets.get(i));
        }
    }

    @Test
    void interleavedDatagramsFromSeveralSenders() {
        int senders = 12;
        int perSender = 3;
        List<byte[]> all = new ArrayList<>();
        List<MacAddress> from = new ArrayList<>();
        java.util.Map<String, byte[]> expected = new java.util.HashMap<>();
        for (int s = 0; s < senders; s++) {
            MacAddress sender = s % 2 == 0 ? ExtendedAddress.of(0x0200_0000_0000_0000L + s) : ShortAddress.of(s);
            for (int d = 0; d < perSender; d++) {
                int size = 200 + 300 * d + s;
                byte[] packet = packet(size, s * 100L + d);
                expected.put(sender + "/" + d, packet);
                for (byte[] frame : fragments(packet, d)) {
                    all.add(frame);
                    from.add(sender);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(99));
        int completed = 0;
        for (int i : order) {
            ReassemblyResult result = reassembler.accept(all.get(i), 0, all.get(i).length, from.get(i), GATEWAY);
            if (result instanceof ReassemblyResult.Reassembled r) {
                assertThat(r.packet()).isEqualTo(expected.get(r.source() + "/" + r.tag()));
                completed++;
            }
        }
        assertThat(completed).isEqualTo(senders * perSender);
        assertThat(reassembler.buffersInUse()).isZero();
        assertThat(reassembler.counters().keySet()).noneMatch(name -> name.startsWith("dropped:"));
    }

    @Test
    void theHeaderDecompressorPlacesTheFirstFragmentAndPassesTheElidedChecksumFlagThrough() {
        reassembler = new Reassembler(scheduler, new ToyHeaderCompression(), ReassemblyConfig.DEFAULTS);
        byte[] rest = Bytes.random(700, 30);
        byte[] datagram = ToyHeaderCompression.datagram(48, 5, rest);
        List<byte[]> frames = new Fragmenter(FragmenterTest.CLASSIC_PAYLOAD)
                .fragment(ToyHeaderCompression.compressed(48, 5, true), 48, rest, 748, 77);
        List<byte[]> reversed = new ArrayList<>(frames);
        Collections.reverse(reversed);
        ReassemblyResult result = feed(reversed, METER, GATEWAY);
        assertThat(packetOf(result)).isEqualTo(datagram);
        assertThat(((ReassemblyResult.Reassembled) result).udpChecksumElided()).isTrue();
    }

    @Test
    void aFirstFragmentTheDecompressorRejectsDiscardsItsDatagram() {
        reassembler = new Reassembler(scheduler, new ToyHeaderCompression(), ReassemblyConfig.DEFAULTS);
        byte[] rest = Bytes.random(700, 31);
        List<byte[]> frames = new Fragmenter(FragmenterTest.CLASSIC_PAYLOAD).fragment(
                ToyHeaderCompression.compressed(48, ToyHeaderCompression.UNKNOWN_SEED, false), 48, rest, 748, 78);
        feed(frames.subList(1, frames.size()), METER, GATEWAY);
        assertThat(reassembler.buffersInUse()).isOne();
        ReassemblyResult result = accept(frames.get(0));
        assertThat(result).isEqualTo(new ReassemblyResult.Dropped(Reason.UNKNOWN_CONTEXT,
                "first fragment: UNKNOWN_CONTEXT: toy context 238"));
        assertThat(((ReassemblyResult.Dropped) result).counterName()).isEqualTo("dropped:unknown_context");
        assertEmpty();
        assertThat(reassembler.count(Reason.UNKNOWN_CONTEXT)).isOne();
    }

    @Test
    void malformedFragmentsAreRefusedWithTheExactReason() {
        byte[] frag1 = fragments(packet(1280, 40), 10).get(0);
        assertThat(reasonFor(new byte[0])).isEqualTo(Reason.TRUNCATED);
        assertThat(reasonFor(Bytes.hex("e5 00 12 34"))).isEqualTo(Reason.TRUNCATED);
        assertThat(reasonFor(Bytes.hex("41 60 00 00 00"))).isEqualTo(Reason.UNKNOWN_DISPATCH);
        assertThat(reasonFor(Bytes.hex("e5 00 00 0a 0c"))).as("FRAGN without data")
                .isEqualTo(Reason.FRAGMENT_MISALIGNED);
        assertThat(reasonFor(Bytes.hex("c5 00 00 0a"))).as("FRAG1 without data").isEqualTo(Reason.FRAGMENT_MISALIGNED);
        assertThat(reasonFor(Bytes.hex("e5 00 00 0a 0c 01 02 03 04 05 06 07"))).as("7 octets, not the last")
                .isEqualTo(Reason.FRAGMENT_MISALIGNED);
        assertThat(reasonFor(Bytes.hex("e5 00 00 0a 9f 01 02 03 04 05 06 07 08 09"))).as("8 octets at 1272 + 1")
                .isEqualTo(Reason.FRAGMENT_OVERRUN);
        assertThat(reasonFor(Bytes.hex("e5 00 00 0a ff 01 02 03 04 05 06 07 08"))).as("offset 2040 of 1280")
                .isEqualTo(Reason.FRAGMENT_OVERRUN);
        assertThat(reasonFor(Bytes.hex("e5 dc 00 0a 0c 01 02 03 04 05 06 07 08"))).as("datagram_size 1500")
                .isEqualTo(Reason.TOO_LARGE);
        byte[] cut = Arrays.copyOf(frag1, 4 + 20);
        assertThat(reasonFor(cut)).as("IPv6 header cut in FRAG1").isEqualTo(Reason.TRUNCATED);
        byte[] tiny = Bytes.concat(Bytes.hex("c0 14 00 0a"), UncompressedIpv6Decompressor.compressedHeader(
                packet(40, 1)));
        assertThat(reasonFor(tiny)).as("40 octets of header in a datagram of 20").isEqualTo(Reason.FRAGMENT_OVERRUN);
        assertThat(reassembler.count(Reason.FRAGMENT_MISALIGNED)).isEqualTo(3);
        assertThat(reassembler.count(Reason.FRAGMENT_OVERRUN)).isEqualTo(3);
        assertThat(reassembler.count(Reason.TRUNCATED)).isEqualTo(3);
        assertEmpty();
        // The last fragment may have any length: 1272 + 8 = 1280 exactly.
        assertThat(accept(Bytes.hex("e5 00 00 0a 9f 01 02 03 04 05 06 07 08"))).isSameAs(ReassemblyResult.PENDING);
    }

    @Test
    void aLargerMaximumDatagramSizeAcceptsSunSizedDatagrams() {
        reassembler = reassembler(ReassemblyConfig.DEFAULTS.withMaxDatagramSize(2047));
        byte[] packet = packet(2047, 50);
        assertThat(packetOf(feed(fragments(packet, 11), METER, GATEWAY))).isEqualTo(packet);
    }

    @Test
    void perSenderLimitRefusesNewDatagramsButNotFragmentsOfOpenOnes() {
        List<List<byte[]>> datagrams = new ArrayList<>();
        for (int tag = 0; tag < 5; tag++) {
            datagrams.add(fragments(packet(1280, 60 + tag), tag));
        }
        for (int tag = 0; tag < 4; tag++) {
            assertThat(accept(datagrams.get(tag).get(0))).isSameAs(ReassemblyResult.PENDING);
        }
        assertThat(accept(datagrams.get(4).get(0))).isInstanceOfSatisfying(ReassemblyResult.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(Reason.SENDER_BUFFERS_FULL));
        assertThat(reassembler.buffersOf(METER)).isEqualTo(4);
        // Another sender is not affected.
        assertThat(reassembler.accept(datagrams.get(4).get(0), 0, datagrams.get(4).get(0).length,
                ShortAddress.of(7), GATEWAY)).isSameAs(ReassemblyResult.PENDING);
        // Open datagrams complete; then the sender may start a new one.
        assertThat(packetOf(feed(datagrams.get(0).subList(1, 14), METER, GATEWAY))).hasSize(1280);
        assertThat(accept(datagrams.get(4).get(0))).isSameAs(ReassemblyResult.PENDING);
        assertThat(reassembler.count(Reason.SENDER_BUFFERS_FULL)).isOne();
    }

    @Test
    void aFullBudgetRefusesNewDatagramsAndNeverEvictsHalfFinishedOnes() {
        int cost = ReassemblyConfig.bufferCost(1280);
        reassembler = reassembler(ReassemblyConfig.DEFAULTS.withMemoryBudget(3 * cost + cost - 1));
        List<List<byte[]>> datagrams = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            datagrams.add(fragments(packet(1280, 70 + s), s));
        }
        for (int s = 0; s < 3; s++) {
            reassembler.accept(datagrams.get(s).get(0), 0, datagrams.get(s).get(0).length, ShortAddress.of(s),
                    GATEWAY);
        }
        ReassemblyResult refused = reassembler.accept(datagrams.get(3).get(0), 0, datagrams.get(3).get(0).length,
                ShortAddress.of(3), GATEWAY);
        assertThat(refused).isInstanceOfSatisfying(ReassemblyResult.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(Reason.BUFFER_FULL));
        assertThat(reassembler.reservedBytes()).isEqualTo(3L * cost);
        // A smaller datagram still fits into what is left.
        byte[] small = packet(200, 80);
        assertThat(packetOf(feed(fragments(small, 1), ShortAddress.of(9), GATEWAY))).isEqualTo(small);
        for (int s = 0; s < 3; s++) {
            List<byte[]> frames = datagrams.get(s);
            assertThat(packetOf(feed(frames.subList(1, frames.size()), ShortAddress.of(s), GATEWAY)))
                    .hasSize(1280);
        }
        assertEmpty();
    }

    @Test
    void configurationLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReassemblyConfig.DEFAULTS.withMaxBuffersPerSender(0));
        assertThatIllegalArgumentException().isThrownBy(() -> ReassemblyConfig.DEFAULTS.withMaxDatagramSize(2048));
        assertThatIllegalArgumentException().isThrownBy(() -> ReassemblyConfig.DEFAULTS.withMaxDatagramSize(39));
        assertThatIllegalArgumentException().as("budget below one maximum-size buffer")
                .isThrownBy(() -> ReassemblyConfig.DEFAULTS.withMemoryBudget(ReassemblyConfig.bufferCost(1280) - 1));
        assertThat(ReassemblyConfig.DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ReassemblyConfig.DEFAULTS.maxDatagramSize()).isEqualTo(1280);
    }

    private Reason reasonFor(byte[] frame) {
        ReassemblyResult result = accept(frame);
        assertThat(result).as(Bytes.hex(frame)).isInstanceOf(ReassemblyResult.Dropped.class);
        return ((ReassemblyResult.Dropped) result).reason();
    }
}
