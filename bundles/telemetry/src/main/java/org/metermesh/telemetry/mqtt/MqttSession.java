package org.metermesh.telemetry.mqtt;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;

/**
 * The gateway's MQTT connection in the Kura namespace: connects with a last will on {@code .../MQTT/LWT},
 * subscribes the request topics and publishes BIRTH after every connect, publishes DC before a clean disconnect,
 * and reconnects after a loss with its own {@link ReconnectBackoff} (Paho's automatic reconnect stays off).
 *
 * <p>Threading: Paho calls back on its own threads; every callback only hands its event to the {@link Scheduler}
 * given here (the gateway's event loop), and all state of this class is read and written there. Listeners are
 * called on that loop. {@link #start()} and {@link #disconnect()} may be called from any thread; {@link #publish}
 * and {@link #isConnected()} only on the loop.
 *
 * <p>Each connect attempt uses a new Paho client with a new {@link MemoryPersistence}, and the session is
 * persistent on the broker's side (clean session 0). A new client per connection is deliberate: Paho 1.2.5 resends
 * its own unacknowledged publishes after a reconnect of the same client but never resets its in-flight count for
 * them (ClientState.actualInFlight), so the window shrinks by what was in flight at every outage until publishing
 * stops with "too many publishes in progress" (32202). Here a lost connection voids every publish not yet
 * reported as {@link MqttSessionListener#published}, and the caller (the {@link Publisher}) resends them.
 */
public final class MqttSession implements PublishChannel {

    private static final Logger LOG = System.getLogger(MqttSession.class.getName());
    /** Kura publishes its lifecycle messages with QoS 1, not retained. */
    private static final int LIFECYCLE_QOS = 1;
    private static final int REQUEST_QOS = 1;
    /**
     * Paho slots beyond the publishers' window, for BIRTH and DC: with a full window of unacknowledged telemetry,
     * Paho would refuse DC (max inflight) and the clean disconnect would go without it.
     */
    static final int LIFECYCLE_SLOTS = 2;
    /** Connect failures logged at INFO before the first warning. */
    private static final int QUIET_CONNECT_ATTEMPTS = 2;

    private enum State { IDLE, CONNECTING, CONNECTED, WAITING, DISCONNECTING, CLOSED }

    private final MqttSettings settings;
    private final Scheduler loop;
    private final LifecycleMessages lifecycle;
    private final List<String> requestTopics;
    private final Counters counters;
    private final SocketFactory socketFactory;
    private final ReconnectBackoff backoff;
    /** Creates and connects Paho clients off the event loop; one attempt at a time. */
    private final ExecutorService connector = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final List<MqttSessionListener> listeners = new ArrayList<>();

    private volatile State state = State.IDLE;
    private MqttAsyncClient client;
    /** Numbers the clients; events of a client that is no longer current are dropped. */
    private int generation;
    private long nextPublishId;
    private long connectsSucceeded;
    private Cancellable reconnectTimer;
    private boolean disconnectSent;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /**
     * @param requestTopics filters subscribed with QoS 1 after every connect, e.g. {@code $EDC/acc/gw/+/GET/#}
     * @throws IllegalArgumentException if a request topic is not a valid filter or the trust store cannot be read
     */
    public MqttSession(MqttSettings settings, Scheduler loop, LifecycleMessages lifecycle, List<String> requestTopics,
            Counters counters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.requestTopics = List.copyOf(requestTopics);
        this.counters = Objects.requireNonNull(counters, "counters");
        for (String filter : this.requestTopics) {
            try {
                MqttTopic.validate(filter, true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("request topic '" + filter + "' is not a valid filter: "
                        + e.getMessage(), e);
            }
        }
        this.socketFactory = settings.tls() ? tlsSocketFactory(settings) : null;
        this.backoff = new ReconnectBackoff(settings.backoffMin(), settings.backoffMax(), loop.random());
    }

    /** Adds a listener; call before {@link #start()}. */
    @Override
    public void addListener(MqttSessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts connecting; from any thread. */
    public void start() {
        loop.execute(() -> {
            if (state == State.IDLE) {
                connect();
            }
        });
    }

    /** Connected and not disconnecting: publishes are taken. Loop thread (or a racy look from elsewhere). */
    @Override
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    public MqttSettings settings() {
        return settings;
    }

    /**
     * Hands a message to the client. Loop thread only. The outcome comes later as
     * {@link MqttSessionListener#published} or {@link MqttSessionListener#publishFailed} with the returned id, or
     * never, if the connection is lost first ({@link MqttSessionListener#disconnected}).
     *
     * @param qos 0 or 1; QoS 2 is refused: its exactly-once state would not survive the new client of a reconnect
     * @return the publish id, increasing over the session's life
     */
    @Override
    public long publish(String topic, byte[] payload, int qos, boolean retain) throws PublishRejectedException {
        if (qos != 0 && qos != 1) {
            throw new PublishRejectedException(PublishRejectedException.Reason.INVALID,
                    "QoS " + qos + " on " + topic + ": only 0 and 1 are supported", null);
        }
        if (payload == null) {
            throw new PublishRejectedException(PublishRejectedException.Reason.INVALID, "null payload", null);
        }
        try {
            MqttTopic.validate(topic, false);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PublishRejectedException(PublishRejectedException.Reason.INVALID,
                    "topic '" + topic + "': " + e.getMessage(), e);
        }
        if (state != State.CONNECTED) {
            throw new PublishRejectedException(PublishRejectedException.Reason.NOT_CONNECTED, "session is " + state,
                    null);
        }
        long id = ++nextPublishId;
        int gen = generation;
        try {
            client.publish(topic, payload, qos, retain, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    loop.execute(() -> onPublished(gen, id));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    loop.execute(() -> onPublishFailed(gen, id, cause));
                }
            });
        } catch (MqttException e) {
            throw new PublishRejectedException(switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_MAX_INFLIGHT -> PublishRejectedException.Reason.WINDOW_FULL;
                case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED,
                        MqttException.REASON_CODE_CLIENT_DISCONNECTING,
                        MqttException.REASON_CODE_CLIENT_CLOSED -> PublishRejectedException.Reason.NOT_CONNECTED;
                default -> PublishRejectedException.Reason.CLIENT_ERROR;
            }, "publish on " + topic + " refused by the client (reason code " + e.getReasonCode() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new PublishRejectedException(PublishRejectedException.Reason.INVALID,
                    "publish on " + topic + ": " + e.getMessage(), e);
        }
        return id;
    }

    /**
     * Publishes DC, waits for its PUBACK (at most the connect timeout), disconnects cleanly so the broker does not
     * publish the will, and stops reconnecting. From any thread; idempotent.
     *
     * @return completes when the connection is closed
     */
    public CompletableFuture<Void> disconnect() {
        loop.execute(this::beginDisconnect);
        return closed;
    }

    // ---- loop thread from here on

    private void connect() {
        generation++;
        int gen = generation;
        state = State.CONNECTING;
        MqttConnectOptions options = connectOptions(); // here: the last will's payload comes from the loop's state
        // Creating a Paho client loads classes and starts threads, and connect() resolves the host: seconds, at
        // worst, that the event loop must not wait for.
        connector.execute(() -> {
            MqttAsyncClient fresh;
            try {
                fresh = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            } catch (MqttException | RuntimeException e) {
                loop.execute(() -> onConnectFailed(gen, null, e));
                return;
            }
            fresh.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    loop.execute(() -> onConnectionLost(gen, fresh, cause));
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    byte[] payload = message.getPayload();
                    loop.execute(() -> onMessage(gen, topic, payload));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // Reported per publish through its action listener instead.
                }
            });
            loop.execute(() -> adopt(gen, fresh)); // before any outcome of connect, which comes through the loop too
            try {
                fresh.connect(options, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        loop.execute(() -> onConnected(gen, fresh));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        loop.execute(() -> onConnectFailed(gen, fresh, cause));
                    }
                });
            } catch (MqttException | RuntimeException e) {
                loop.execute(() -> onConnectFailed(gen, fresh, e));
            }
        });
    }

    /** The client of attempt {@code gen} exists: it is the current one unless a newer attempt or a close came. */
    private void adopt(int gen, MqttAsyncClient fresh) {
        if (gen == generation && state == State.CONNECTING) {
            client = fresh;
        }
    }

    private MqttConnectOptions connectOptions() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
        options.setMaxInflight(settings.inFlightWindow() + LIFECYCLE_SLOTS);
        options.setWill(settings.lastWillTopic(), lifecycle.lastWill().get(), LIFECYCLE_QOS, false);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        return options;
    }

    private void onConnected(int gen, MqttAsyncClient connected) {
        if (gen != generation || state != State.CONNECTING) {
            discard(connected, true);  // disconnect() came while this attempt was under way
            return;
        }
        state = State.CONNECTED;
        counters.increment("connects");
        if (connectsSucceeded++ > 0) {
            counters.increment("reconnects");
        }
        backoff.reset();
        subscribeRequests(gen);
        publishLifecycle(settings.birthTopic(), lifecycle.birth().get(), "BIRTH", null);
        LOG.log(Level.INFO, "MQTT connected to {0} as {1}", settings.brokerUrl(), settings.clientId());
        notifyListeners(MqttSessionListener::connected);
    }

    private void subscribeRequests(int gen) {
        if (requestTopics.isEmpty()) {
            return;
        }
        int[] qos = new int[requestTopics.size()];
        java.util.Arrays.fill(qos, REQUEST_QOS);
        try {
            client.subscribe(requestTopics.toArray(String[]::new), qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    for (int i = 0; granted != null && i < granted.length; i++) {
                        if (granted[i] == 0x80) {  // MQTT 3.1.1 section 3.9.3: SUBACK failure return code
                            int index = i;
                            loop.execute(() -> onSubscribeFailed(gen, requestTopics.get(Math.min(index,
                                    requestTopics.size() - 1)), new IllegalStateException("broker refused it")));
                        }
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    loop.execute(() -> onSubscribeFailed(gen, String.join(", ", requestTopics), cause));
                }
            });
        } catch (MqttException e) {
            onSubscribeFailed(gen, String.join(", ", requestTopics), e);
        }
    }

    private void onSubscribeFailed(int gen, String filters, Throwable cause) {
        if (gen != generation) {
            return;
        }
        counters.increment("subscribe-failures");
        LOG.log(Level.WARNING, "MQTT subscription to " + filters + " failed; requests on it will not arrive"
                + " until the next connect", cause);
    }

    /** Publishes BIRTH or DC; {@code done} (may be null) runs on the loop once the client reports the outcome. */
    private void publishLifecycle(String topic, byte[] payload, String kind, Runnable done) {
        try {
            client.publish(topic, payload, LIFECYCLE_QOS, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (done != null) {
                        loop.execute(done);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    loop.execute(() -> {
                        counters.increment("lifecycle-failures");
                        LOG.log(Level.WARNING, "MQTT " + kind + " publish failed", cause);
                        if (done != null) {
                            done.run();
                        }
                    });
                }
            });
        } catch (MqttException | RuntimeException e) {
            counters.increment("lifecycle-failures");
            LOG.log(Level.WARNING, "MQTT " + kind + " publish refused by the client", e);
            if (done != null) {
                done.run();
            }
        }
    }

    private void onConnectFailed(int gen, MqttAsyncClient failed, Throwable cause) {
        if (failed != null) {
            discard(failed, false);
        }
        if (gen != generation || state != State.CONNECTING) {
            return;  // disconnect() came while this attempt was under way
        }
        counters.increment("connect-failures");
        client = null;
        Duration delay = backoff.next();
        // A broker starting beside the gateway (the embedded one) refuses the first attempt or two: that is
        // expected; a broker still away after a few attempts is worth a warning, every time.
        Level level = backoff.attempts() > QUIET_CONNECT_ATTEMPTS ? Level.WARNING : Level.INFO;
        LOG.log(level, "MQTT connect to {0} failed ({1}); next attempt in {2} ms", settings.brokerUrl(),
                describe(cause), delay.toMillis());
        waitAndReconnect(delay);
    }

    private void onConnectionLost(int gen, MqttAsyncClient lost, Throwable cause) {
        if (gen != generation || (state != State.CONNECTED && state != State.DISCONNECTING)) {
            return;
        }
        counters.increment("connection-lost");
        client = null;
        discard(lost, false);
        if (state == State.DISCONNECTING) {
            finishClosed();
            return;
        }
        Duration delay = backoff.next();
        LOG.log(Level.WARNING, "MQTT connection to {0} lost ({1}); reconnecting in {2} ms", settings.brokerUrl(),
                describe(cause), delay.toMillis());
        waitAndReconnect(delay);
        notifyListeners(l -> l.disconnected(cause));
    }

    private void waitAndReconnect(Duration delay) {
        state = State.WAITING;
        reconnectTimer = loop.schedule(delay, () -> {
            reconnectTimer = null;
            if (state == State.WAITING) {
                connect();
            }
        });
    }

    private void onMessage(int gen, String topic, byte[] payload) {
        if (gen != generation) {
            return;  // the broker sends it again on the next connect (persistent session, QoS 1)
        }
        counters.increment("requests-received");
        notifyListeners(l -> l.messageArrived(topic, payload));
    }

    private void onPublished(int gen, long id) {
        // Acknowledgements that arrive while DC is on its way still count: the outbox may drop those messages.
        if (gen == generation && (state == State.CONNECTED || state == State.DISCONNECTING)) {
            notifyListeners(l -> l.published(id));
        }
    }

    private void onPublishFailed(int gen, long id, Throwable cause) {
        if (gen != generation || state != State.CONNECTED) {
            return;
        }
        if (diesWithConnection(cause)) {
            // Paho fails every pending token just before it reports the lost connection; these publishes are
            // void, as the coming disconnected() says, rather than failures to retry on a dying client.
            return;
        }
        notifyListeners(l -> l.publishFailed(id, cause));
    }

    private static boolean diesWithConnection(Throwable cause) {
        if (cause instanceof MqttException e) {
            return switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_CONNECTION_LOST, MqttException.REASON_CODE_CLIENT_NOT_CONNECTED,
                        MqttException.REASON_CODE_CLIENT_DISCONNECTING, MqttException.REASON_CODE_CLIENT_CLOSED -> true;
                default -> false;
            };
        }
        return false;
    }

    private void beginDisconnect() {
        switch (state) {
            case CONNECTED -> {
                state = State.DISCONNECTING;
                int gen = generation;
                Cancellable timeout = loop.schedule(settings.connectTimeout(), () -> sendDisconnect(gen));
                publishLifecycle(settings.disconnectTopic(), lifecycle.disconnect().get(), "DC", () -> {
                    timeout.cancel();
                    sendDisconnect(gen);
                });
            }
            case IDLE, WAITING, CONNECTING -> {
                if (reconnectTimer != null) {
                    reconnectTimer.cancel();
                    reconnectTimer = null;
                }
                generation++;  // a connect under way is dropped when it completes
                if (client != null && state != State.CONNECTING) {
                    discard(client, false);
                }
                client = null;
                finishClosed();
            }
            case DISCONNECTING, CLOSED -> {
                // already on its way
            }
        }
    }

    /** Sends DISCONNECT once (after DC was acknowledged, or its wait timed out). */
    private void sendDisconnect(int gen) {
        if (gen != generation || state != State.DISCONNECTING || client == null || disconnectSent) {
            return;
        }
        disconnectSent = true;
        MqttAsyncClient closing = client;
        try {
            closing.disconnect(settings.connectTimeout().toMillis(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    loop.execute(() -> afterDisconnect(closing, null));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    loop.execute(() -> afterDisconnect(closing, cause));
                }
            });
        } catch (MqttException e) {
            afterDisconnect(closing, e);
        }
    }

    private void afterDisconnect(MqttAsyncClient closing, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.WARNING, "MQTT disconnect was not clean", failure);
        }
        discard(closing, false);
        client = null;
        finishClosed();
    }

    private void finishClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        connector.shutdown();
        LOG.log(Level.INFO, "MQTT session to {0} closed", settings.brokerUrl());
        notifyListeners(l -> l.disconnected(null));
        closed.complete(null);
    }

    /** Releases a client that is done with; {@code disconnectFirst} for one that is still connected. */
    private void discard(MqttAsyncClient old, boolean disconnectFirst) {
        if (disconnectFirst) {
            try {
                old.disconnect(0, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        loop.execute(() -> discard(old, false));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        loop.execute(() -> discard(old, false));
                    }
                });
                return;
            } catch (MqttException e) {
                LOG.log(Level.WARNING, "MQTT: could not disconnect a stale client; closing it", e);
            }
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "MQTT: closing a finished client failed (its threads may linger)", e);
        }
    }

    private void notifyListeners(Consumer<MqttSessionListener> event) {
        for (MqttSessionListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "MQTT session listener " + listener + " failed; the others still run", e);
            }
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        return cause.getMessage() + (root != cause ? " (" + root.getMessage() + ")" : "");
    }

    /** The TLS socket factory for ssl://: the given trust store, else the JVM's default trust anchors. */
    private static SocketFactory tlsSocketFactory(MqttSettings settings) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (settings.trustStore().isEmpty()) {
                context.init(null, null, null);
            } else {
                Path path = settings.trustStore().get();
                char[] password = settings.trustStorePassword().map(String::toCharArray).orElse(null);
                KeyStore store = KeyStore.getInstance(path.toFile(), password);  // JKS or PKCS12, by content
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                context.init(null, trust.getTrustManagers(), null);
            }
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trustStore: " + settings.trustStore().map(Path::toString)
                    .orElse("(JVM default)") + " cannot be used: " + e.getMessage(), e);
        }
    }
}
