package org.metermesh.telemetry.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A session listener for tests: records events as text ("connected", "disconnected:clean", "message:topic:payload"). */
final class SessionEvents implements MqttSessionListener {

    private final List<String> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @Override
    public void connected() {
        add("connected");
    }

    @Override
    public void disconnected(Throwable cause) {
        add(cause == null ? "disconnected:clean" : "disconnected:lost");
    }

    @Override
    public void messageArrived(String topic, byte[] payload) {
        add("message:" + topic + ":" + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    private synchronized void add(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    synchronized long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    /** Waits until {@code count} events match; fails naming what was seen. */
    synchronized void await(Predicate<String> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.stream().filter(match).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " matching session events within " + timeout
                        + "; got " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    void await(String event, int count, Duration timeout) throws InterruptedException {
        await(event::equals, count, timeout);
    }
}
