package org.metermesh.platform.clock;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * The gateway's event loop: one thread runs every task in due order, so protocol cores need no locks.
 *
 * <p>A task that throws is logged with its stack trace and the loop goes on; one bad frame handler must not stop
 * the stack. Tasks that run longer than the warning threshold are logged too: they delay every other timer. In the
 * loop's first {@link #START_UP} a slow task is logged at INFO only: the first run of every code path loads classes
 * and runs interpreted, and the bundles all start at once then.
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = System.getLogger(RealTimeScheduler.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private final RandomGenerator random = new SplittableRandom();
    private final long origin = System.nanoTime();
    private final long slowTaskNanos;

    /** The start-up period in which slow tasks are expected (see the class comment). */
    static final Duration START_UP = Duration.ofSeconds(30);

    /**
     * @param threadName    name of the loop thread, shown in thread dumps
     * @param slowTaskWarn  tasks running longer than this are logged as warnings
     */
    public RealTimeScheduler(String threadName, Duration slowTaskWarn) {
        this.slowTaskNanos = slowTaskWarn.toNanos();
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() - origin;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        ScheduledFuture<?> future = executor.schedule(() -> runGuarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    private void runGuarded(Runnable task) {
        long start = System.nanoTime();
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "event loop task " + task + " failed; the loop continues", e);
        }
        long took = System.nanoTime() - start;
        if (took > slowTaskNanos) {
            boolean startingUp = nanoTime() < START_UP.toNanos();
            LOG.log(startingUp ? Level.INFO : Level.WARNING, "event loop task {0} took {1} ms{2}", task,
                    took / 1_000_000, startingUp ? " (starting up)" : "");
        }
    }

    /** Stops the loop; tasks not yet due are dropped. Waits up to five seconds for a running task to finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "event loop task still running after 5 s; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
