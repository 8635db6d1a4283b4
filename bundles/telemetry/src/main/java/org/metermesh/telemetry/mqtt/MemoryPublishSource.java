package org.metermesh.telemetry.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PublishSource} kept in memory, for tests, benchmarks and the simulator: messages are offered from any
 * thread and handed out in offer order; what was delivered or failed is recorded. Not durable.
 */
public final class MemoryPublishSource implements PublishSource {

    private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();
    private final List<Long> delivered = new ArrayList<>();
    private final Map<Long, Throwable> failed = new LinkedHashMap<>();

    public synchronized void offer(Outgoing message) {
        queued.add(message);
    }

    @Override
    public synchronized List<Outgoing> next(int max) {
        List<Outgoing> batch = new ArrayList<>(Math.min(max, queued.size()));
        while (batch.size() < max && !queued.isEmpty()) {
            batch.add(queued.poll());
        }
        return batch;
    }

    @Override
    public synchronized void delivered(long id) {
        delivered.add(id);
        notifyAll();
    }

    @Override
    public synchronized void failed(long id, Throwable cause) {
        failed.put(id, cause);
        notifyAll();
    }

    /** Ids delivered so far, in delivery order. */
    public synchronized List<Long> deliveredIds() {
        return List.copyOf(delivered);
    }

    public synchronized Map<Long, Throwable> failures() {
        return Map.copyOf(failed);
    }

    public synchronized int queuedCount() {
        return queued.size();
    }

    /**
     * Waits until {@code count} messages are delivered or failed, at most {@code timeoutMillis}.
     *
     * @return whether they were
     */
    public synchronized boolean awaitSettled(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (delivered.size() + failed.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
