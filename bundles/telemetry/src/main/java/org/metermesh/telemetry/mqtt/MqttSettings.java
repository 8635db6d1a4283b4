package org.metermesh.telemetry.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway connects to the utility's broker. Validated on construction: a bad value is an
 * {@link IllegalArgumentException} naming the setting and why.
 *
 * <p>The session is always persistent (MQTT 3.1.1 clean session 0, section 3.1.2.4): the broker keeps the request
 * subscriptions and queues QoS 1 requests while the gateway is away. TLS is on exactly when the URL is
 * {@code ssl://}; without a trust store the JVM's default trust anchors apply.
 *
 * @param brokerUrl          {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId           MQTT client id, also the second level of the Kura topic namespace
 * @param account            first level of the Kura topic namespace ({@code $EDC/account/client-id/...})
 * @param username           empty for an anonymous connection
 * @param password           empty for none; only with a username (MQTT 3.1.1 section 3.1.2.9)
 * @param trustStore         PKCS12 or JKS trust store for ssl://, empty for the JVM default
 * @param trustStorePassword password of the trust store, empty for none
 * @param keepAlive          MQTT keep alive, whole seconds 0..65535 (0 disables it)
 * @param connectTimeout     how long one connect attempt may take
 * @param inFlightWindow     most unacknowledged publishes at once (Paho's max inflight leaves room for BIRTH and DC too)
 * @param backoffMin         first reconnect delay
 * @param backoffMax         largest reconnect delay
 */
public record MqttSettings(String brokerUrl, String clientId, String account, Optional<String> username,
        Optional<String> password, Optional<Path> trustStore, Optional<String> trustStorePassword,
        Duration keepAlive, Duration connectTimeout, int inFlightWindow, Duration backoffMin, Duration backoffMax) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_IN_FLIGHT_WINDOW = 32;
    public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    /** MQTT 3.1.1 encodes the keep alive in a 16-bit field of seconds (section 3.1.2.10). */
    static final int MAX_KEEP_ALIVE_S = 65_535;
    /**
     * Paho numbers QoS 1 packets 1..65535 (MQTT 3.1.1 section 2.3.1), so no more can be unacknowledged; BIRTH and DC
     * keep slots of their own.
     */
    static final int MAX_IN_FLIGHT_WINDOW = 65_535 - MqttSession.LIFECYCLE_SLOTS;

    public MqttSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        boolean tls = checkUrl(brokerUrl);
        checkTopicLevel("clientId", clientId);
        checkTopicLevel("account", account);
        if (username.isPresent() && username.get().isEmpty()) {
            throw new IllegalArgumentException("username: empty; leave it unset for an anonymous connection");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("password: set without a username (MQTT 3.1.1 section 3.1.2.9)");
        }
        if (trustStore.isPresent() && !tls) {
            throw new IllegalArgumentException("trustStore: set, but brokerUrl " + brokerUrl
                    + " is not ssl://, so no TLS would use it");
        }
        if (trustStorePassword.isPresent() && trustStore.isEmpty()) {
            throw new IllegalArgumentException("trustStorePassword: set without a trustStore");
        }
        if (keepAlive.isNegative() || keepAlive.toSeconds() > MAX_KEEP_ALIVE_S || keepAlive.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("keepAlive: " + keepAlive + " is not a whole number of seconds in 0.."
                    + MAX_KEEP_ALIVE_S + " (MQTT 3.1.1 section 3.1.2.10)");
        }
        if (connectTimeout.toSeconds() < 1 || connectTimeout.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout
                    + " is not a whole number of seconds of at least 1");
        }
        if (inFlightWindow < 1 || inFlightWindow > MAX_IN_FLIGHT_WINDOW) {
            throw new IllegalArgumentException("inFlightWindow: " + inFlightWindow + " is not in 1.."
                    + MAX_IN_FLIGHT_WINDOW);
        }
        if (backoffMin.isNegative() || backoffMin.isZero()) {
            throw new IllegalArgumentException("backoffMin: " + backoffMin + " is not positive");
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax: " + backoffMax + " is less than backoffMin "
                    + backoffMin);
        }
    }

    /** Settings with every optional value at its default; change them with the {@code with...} methods. */
    public static MqttSettings of(String brokerUrl, String clientId, String account) {
        return new MqttSettings(brokerUrl, clientId, account, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_KEEP_ALIVE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IN_FLIGHT_WINDOW,
                DEFAULT_BACKOFF_MIN, DEFAULT_BACKOFF_MAX);
    }

    public MqttSettings withCredentials(String user, String pass) {
        return new MqttSettings(brokerUrl, clientId, account, Optional.of(user), Optional.ofNullable(pass),
                trustStore, trustStorePassword, keepAlive, connectTimeout, inFlightWindow, backoffMin, backoffMax);
    }

    public MqttSettings withTrustStore(Path store, String storePassword) {
        return new MqttSettings(brokerUrl, clientId, account, username, password, Optional.of(store),
                Optional.ofNullable(storePassword), keepAlive, connectTimeout, inFlightWindow, backoffMin, backoffMax);
    }

    public MqttSettings withKeepAlive(Duration value) {
        return new MqttSettings(brokerUrl, clientId, account, username, password, trustStore, trustStorePassword,
                value, connectTimeout, inFlightWindow, backoffMin, backoffMax);
    }

    public MqttSettings withConnectTimeout(Duration value) {
        return new MqttSettings(brokerUrl, clientId, account, username, password, trustStore, trustStorePassword,
                keepAlive, value, inFlightWindow, backoffMin, backoffMax);
    }

    public MqttSettings withInFlightWindow(int value) {
        return new MqttSettings(brokerUrl, clientId, account, username, password, trustStore, trustStorePassword,
                keepAlive, connectTimeout, value, backoffMin, backoffMax);
    }

    public MqttSettings withBackoff(Duration min, Duration max) {
        return new MqttSettings(brokerUrl, clientId, account, username, password, trustStore, trustStorePassword,
                keepAlive, connectTimeout, inFlightWindow, min, max);
    }

    public boolean tls() {
        return brokerUrl.startsWith("ssl://");
    }

    /** {@code $EDC/account/client-id/MQTT/BIRTH}: the Kura birth certificate topic. */
    public String birthTopic() {
        return controlTopic("BIRTH");
    }

    /** {@code $EDC/account/client-id/MQTT/DC}: published before a clean disconnect. */
    public String disconnectTopic() {
        return controlTopic("DC");
    }

    /** {@code $EDC/account/client-id/MQTT/LWT}: the last will, published by the broker on an unclean loss. */
    public String lastWillTopic() {
        return controlTopic("LWT");
    }

    private String controlTopic(String kind) {
        return "$EDC/" + account + "/" + clientId + "/MQTT/" + kind;
    }

    @Override
    public String toString() {  // never print secrets
        return "MqttSettings[" + brokerUrl + ", clientId=" + clientId + ", account=" + account
                + ", user=" + username.orElse("(anonymous)") + ", trustStore=" + trustStore.map(Path::toString)
                .orElse("(default)") + ", keepAlive=" + keepAlive + ", connectTimeout=" + connectTimeout
                + ", inFlightWindow=" + inFlightWindow + ", backoff=" + backoffMin + ".." + backoffMax + "]";
    }

    /** @return whether the URL asks for TLS */
    private static boolean checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl: " + url + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("brokerUrl: " + url + " must start with tcp:// or ssl://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("brokerUrl: " + url + " names no host");
        }
        if (uri.getPort() < 1 && uri.getPort() != -1) {
            throw new IllegalArgumentException("brokerUrl: " + url + " has port " + uri.getPort());
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath())) {
            throw new IllegalArgumentException("brokerUrl: " + url + " has a path; only tcp://host:port is meant");
        }
        return "ssl".equals(scheme);
    }

    /** Account and client id are topic levels: no separators or wildcards (MQTT 3.1.1 section 4.7.1). */
    private static void checkTopicLevel(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty");
        }
        if (value.length() > 65_535 / 4) {
            throw new IllegalArgumentException(name + ": " + value.length() + " characters is too long");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\u0000') {
                throw new IllegalArgumentException(name + ": '" + value + "' contains '" + (c == 0 ? "\\0" : c)
                        + "' at " + i + "; it is a topic level, so no '/', '+', '#' or NUL");
            }
        }
    }
}
