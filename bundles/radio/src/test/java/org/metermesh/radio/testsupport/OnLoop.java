package org.metermesh.radio.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.metermesh.api.clock.Scheduler;

/** Runs test actions on the event loop, as a MAC would call a PHY, and waits a bounded time for them. */
public final class OnLoop {

    private OnLoop() {
    }

    public static <T> T call(Scheduler scheduler, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(RecordingPhyListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("action failed on the event loop", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("event loop did not run the action within " + RecordingPhyListener.WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static void run(Scheduler scheduler, Runnable action) {
        call(scheduler, () -> {
            action.run();
            return null;
        });
    }
}
