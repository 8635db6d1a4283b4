package org.metermesh.radio.mac;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioFrame;
import org.metermesh.api.radio.RadioListener;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.api.radio.RadioStatistics;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;

/**
 * The {@link RadioDriver} service over a {@link MacLayer} on any {@link RadioPhy}, driven by one event loop: what
 * the radio bundle's component offers for its configured backend, and what the simulator bundle offers for the
 * gateway's position on a simulated medium. Calls from other threads hop onto the loop; {@link #apply},
 * {@link #statistics} and {@link #close} wait for it, so call them from other threads, never from a loop task.
 */
public final class MacRadioDriver implements RadioDriver, MacListener {

    private static final Logger LOG = System.getLogger(MacRadioDriver.class.getName());
    private static final long LOOP_TIMEOUT_SECONDS = 2;
    private static final int NEIGHBOUR_CAPACITY = 256;

    private final Scheduler loop;
    private final RadioPhy phy;
    private final ChannelPlan plan;
    private final MacFrameCodec codec;
    private final MacLayer mac;
    private final Supplier<Map<String, Long>> backendCounters;
    private final List<RadioListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RadioSettings settings;
    private volatile LinkState linkState = LinkState.DOWN;

    /**
     * Builds the MAC (as PAN coordinator: the gateway) and starts it on the loop.
     *
     * @param backendCounters the backend's own counters, already prefixed; added to {@link #statistics()}
     */
    public MacRadioDriver(Scheduler loop, RadioPhy phy, ChannelPlan plan, MacFrameCodec codec, RadioSettings settings,
            FrameTap tap, Supplier<Map<String, Long>> backendCounters) {
        plan.requireChannel(settings.channel());
        this.loop = loop;
        this.phy = phy;
        this.plan = plan;
        this.codec = codec;
        this.settings = settings;
        this.backendCounters = backendCounters;
        this.mac = new MacLayer(loop, phy, codec, plan, settings.channel(), macSettings(settings), NEIGHBOUR_CAPACITY,
                this, tap);
        loop.execute(() -> {
            phy.setTxPower(settings.txPowerDbm());
            mac.start();
            linkState = phy.linkState();
        });
    }

    private static MacSettings macSettings(RadioSettings settings) {
        return MacSettings.defaults(settings.panId(), settings.shortAddress(), settings.extendedAddress(), true);
    }

    public void addListener(RadioListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RadioListener listener) {
        listeners.remove(listener);
    }

    /** Closes the phy on the loop; {@code alsoOnLoop} runs there right after (e.g. closing a capture). */
    public void close(Runnable alsoOnLoop) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                phy.close();
                alsoOnLoop.run();
                closed.complete(null);
            } catch (RuntimeException e) {
                closed.completeExceptionally(e);
            }
        });
        await(closed, "closing the radio backend");
    }

    @Override
    public RadioSettings settings() {
        return settings;
    }

    @Override
    public void apply(RadioSettings newSettings) {
        plan.requireChannel(newSettings.channel());
        CompletableFuture<Void> applied = new CompletableFuture<>();
        loop.execute(() -> {
            mac.apply(mac.settings().withPanId(newSettings.panId()).withShortAddress(newSettings.shortAddress())
                    .withExtendedAddress(newSettings.extendedAddress()));
            mac.setChannel(newSettings.channel());
            phy.setTxPower(newSettings.txPowerDbm());
            settings = newSettings;
            applied.complete(null);
        });
        await(applied, "applying radio settings");
    }

    @Override
    public LinkState linkState() {
        return linkState;
    }

    @Override
    public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
        byte[] copy = payload.clone();
        CompletableFuture<TxStatus> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                mac.sendData(destination, copy, ackRequest).thenAccept(result::complete);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** From the settings alone, so that layers above may ask from the event loop itself. */
    @Override
    public int maxPayload(MacAddress destination) {
        return MacLayer.maxPayload(codec, macSettings(settings), destination);
    }

    /** Taken on the event loop, where the counters live; waits at most two seconds for it. */
    @Override
    public RadioStatistics statistics() {
        CompletableFuture<RadioStatistics> snapshot = new CompletableFuture<>();
        loop.execute(() -> {
            Map<String, Long> counters = new TreeMap<>(mac.counters().snapshot());
            counters.putAll(backendCounters.get());
            snapshot.complete(new RadioStatistics(counters, mac.neighbours()));
        });
        return await(snapshot, "reading the radio statistics");
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": the event loop did not answer within "
                    + LOOP_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted");
        }
    }

    @Override
    public void dataReceived(MacFrame frame, Reception reception) {
        RadioFrame delivered = new RadioFrame(frame.source(), frame.destination(),
                frame.destinationPanId().orElse(settings.panId()), frame.payload(), reception.rssiDbm(),
                reception.lqi(), reception.channel(), reception.timestampNanos());
        for (RadioListener listener : listeners) {
            try {
                listener.received(delivered);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "radio listener " + listener + " failed on a frame from " + frame.source(), e);
            }
        }
    }

    @Override
    public void linkStateChanged(LinkState state) {
        linkState = state;
        LOG.log(state == LinkState.UP ? Level.INFO : Level.WARNING, "radio link " + state);
        for (RadioListener listener : listeners) {
            try {
                listener.linkStateChanged(state);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "radio listener " + listener + " failed on link state " + state, e);
            }
        }
    }
}
