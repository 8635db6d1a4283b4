package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;

/** The publisher's window, ordering and resend rules, on a scripted channel in virtual time. */
class PublisherOrderTest {

    /** A channel whose connects, losses, acks and refusals the test scripts. */
    static final class ScriptedChannel implements PublishChannel {
        final List<MqttSessionListener> listeners = new ArrayList<>();
        /** Source id of each publish, by publish id - 1. */
        final List<Long> published = new ArrayList<>();
        final Deque<PublishRejectedException.Reason> refusals = new ArrayDeque<>();
        boolean connected;

        @Override
        public void addListener(MqttSessionListener listener) {
            listeners.add(listener);
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public long publish(String topic, byte[] payload, int qos, boolean retain) throws PublishRejectedException {
            PublishRejectedException.Reason refusal = refusals.poll();
            if (refusal != null) {
                throw new PublishRejectedException(refusal, "scripted", null);
            }
            published.add(Long.parseLong(topic.substring(topic.lastIndexOf('/') + 1)));
            return published.size();
        }

        void connect() {
            connected = true;
            listeners.forEach(MqttSessionListener::connected);
        }

        void lose() {
            connected = false;
            listeners.forEach(l -> l.disconnected(new RuntimeException("link down")));
        }

        /** Acknowledges the {@code n}-th publish (from 1). */
        void ack(long n) {
            listeners.forEach(l -> l.published(n));
        }

        void fail(long n) {
            listeners.forEach(l -> l.publishFailed(n, new RuntimeException("scripted failure")));
        }
    }

    private final VirtualScheduler loop = new VirtualScheduler(1);
    private final ScriptedChannel channel = new ScriptedChannel();
    private final MemoryPublishSource source = new MemoryPublishSource();
    private final Counters counters = new Counters();

    private Publisher publisher(int window, int messages) {
        for (int i = 0; i < messages; i++) {
            source.offer(new Outgoing(i, "acc/gw/m/" + i, new byte[] {(byte) i}, 1, false));
        }
        return Publisher.attach(channel, window, source, loop, counters);
    }

    @Test
    void theWindowIsNeverExceededAndEachAckRefillsIt() {
        Publisher publisher = publisher(3, 10);
        channel.connect();
        assertThat(channel.published).containsExactly(0L, 1L, 2L);
        channel.ack(2);
        assertThat(channel.published).containsExactly(0L, 1L, 2L, 3L);
        assertThat(source.deliveredIds()).containsExactly(1L);
        assertThat(publisher.inFlight()).isEqualTo(3);
        assertThat(publisher.maxInFlight()).isEqualTo(3);
        assertThat(source.queuedCount()).as("taken from the source only as the window allows").isEqualTo(6);
    }

    @Test
    void nothingIsTakenOrSentWhileDisconnected() {
        Publisher publisher = publisher(4, 5);
        publisher.wake();
        loop.runFor(Duration.ofSeconds(1));
        assertThat(channel.published).isEmpty();
        assertThat(source.queuedCount()).isEqualTo(5);
        channel.connect();
        assertThat(channel.published).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void afterALossTheUnacknowledgedGoAgainInOrderBeforeNewOnes() {
        Publisher publisher = publisher(4, 10);
        channel.connect();
        channel.ack(2);  // message 1
        assertThat(channel.published).containsExactly(0L, 1L, 2L, 3L, 4L);
        channel.lose();
        publisher.wake();
        loop.runFor(Duration.ofSeconds(1));
        assertThat(channel.published).as("paused while disconnected").hasSize(5);
        channel.ack(3);  // a late ack of the dead connection is not one of ours any more
        assertThat(source.deliveredIds()).containsExactly(1L);
        channel.connect();
        assertThat(channel.published.subList(5, channel.published.size())).containsExactly(0L, 2L, 3L, 4L);
        assertThat(counters.get("resent")).isEqualTo(4);
        assertThat(publisher.unacknowledged()).isEqualTo(4);
    }

    @Test
    void aFailedPublishGoesAgainAheadOfLaterMessages() {
        publisher(2, 5);
        channel.connect();
        channel.fail(1);  // message 0
        assertThat(channel.published).containsExactly(0L, 1L, 0L);
        channel.ack(2);
        channel.ack(3);
        assertThat(channel.published).containsExactly(0L, 1L, 0L, 2L, 3L);
        assertThat(source.deliveredIds()).containsExactly(1L, 0L);
        assertThat(counters.get("publish-failures")).isEqualTo(1);
    }

    @Test
    void aRetriableRefusalWaitsForTheNextAckAndKeepsTheOrder() {
        Publisher publisher = publisher(4, 6);
        ScriptedChannel c = channel;
        c.connect();  // publishes 0..3
        assertThat(c.published).containsExactly(0L, 1L, 2L, 3L);
        c.refusals.add(PublishRejectedException.Reason.WINDOW_FULL);
        c.ack(1);
        assertThat(c.published).as("refused: message 4 waits").containsExactly(0L, 1L, 2L, 3L);
        assertThat(publisher.unacknowledged()).isEqualTo(4);
        c.ack(2);
        assertThat(c.published).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(source.failures()).isEmpty();
    }

    @Test
    void anInvalidMessageFailsAtTheSourceAndTheRestGoOn() {
        publisher(4, 3);
        channel.refusals.add(PublishRejectedException.Reason.INVALID);
        channel.connect();
        assertThat(source.failures()).containsOnlyKeys(0L);
        assertThat(channel.published).containsExactly(1L, 2L);
        assertThat(counters.get("rejected")).isEqualTo(1);
    }
}
