package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class MqttSettingsTest {

    private static final MqttSettings BASE = MqttSettings.of("tcp://broker.example:1883", "gw-1", "acme");

    @Test
    void defaultsAndKuraControlTopics() {
        assertThat(BASE.inFlightWindow()).isEqualTo(32);
        assertThat(BASE.backoffMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(BASE.backoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(BASE.tls()).isFalse();
        assertThat(BASE.birthTopic()).isEqualTo("$EDC/acme/gw-1/MQTT/BIRTH");
        assertThat(BASE.disconnectTopic()).isEqualTo("$EDC/acme/gw-1/MQTT/DC");
        assertThat(BASE.lastWillTopic()).isEqualTo("$EDC/acme/gw-1/MQTT/LWT");
    }

    @Test
    void sslUrlTakesATrustStore() {
        MqttSettings tls = MqttSettings.of("ssl://broker.example:8883", "gw-1", "acme")
                .withTrustStore(Path.of("/etc/metermesh/trust.p12"), "changeit").withCredentials("gw", "secret");
        assertThat(tls.tls()).isTrue();
        assertThat(tls.toString()).doesNotContain("secret").doesNotContain("changeit");
    }

    @Test
    void eachBadValueIsNamedWithItsReason() {
        rejects(() -> MqttSettings.of("mqtt://x:1883", "gw", "acc"), "brokerUrl", "tcp:// or ssl://");
        rejects(() -> MqttSettings.of("tcp://:1883", "gw", "acc"), "brokerUrl", "no host");
        rejects(() -> MqttSettings.of("tcp://x:1883/path", "gw", "acc"), "brokerUrl", "path");
        rejects(() -> MqttSettings.of("tcp://x y:1883", "gw", "acc"), "brokerUrl", "not a URL");
        rejects(() -> MqttSettings.of("tcp://x:1883", "gw/1", "acc"), "clientId", "'/'");
        rejects(() -> MqttSettings.of("tcp://x:1883", "gw", "a+c"), "account", "'+'");
        rejects(() -> MqttSettings.of("tcp://x:1883", "", "acc"), "clientId", "empty");
        rejects(() -> BASE.withTrustStore(Path.of("t.p12"), null), "trustStore", "not ssl://");
        rejects(() -> BASE.withCredentials("", "p"), "username", "empty");
        rejects(() -> new MqttSettings(BASE.brokerUrl(), "gw", "acc", java.util.Optional.empty(),
                java.util.Optional.of("p"), java.util.Optional.empty(), java.util.Optional.empty(),
                BASE.keepAlive(), BASE.connectTimeout(), 32, BASE.backoffMin(), BASE.backoffMax()),
                "password", "without a username");
        rejects(() -> BASE.withKeepAlive(Duration.ofSeconds(70_000)), "keepAlive", "0..65535");
        rejects(() -> BASE.withKeepAlive(Duration.ofMillis(1500)), "keepAlive", "whole number");
        rejects(() -> BASE.withConnectTimeout(Duration.ZERO), "connectTimeout", "at least 1");
        rejects(() -> BASE.withInFlightWindow(0), "inFlightWindow", "1..65533");
        rejects(() -> BASE.withInFlightWindow(70_000), "inFlightWindow", "1..65533");
        rejects(() -> BASE.withBackoff(Duration.ZERO, Duration.ofSeconds(1)), "backoffMin", "not positive");
        rejects(() -> BASE.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)), "backoffMax", "less than");
    }

    @Test
    void outgoingRefusesQos2AndEmptyTopics() {
        assertThatThrownBy(() -> new Outgoing(1, "a/b", new byte[0], 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QoS 2");
        assertThatThrownBy(() -> new Outgoing(1, "", new byte[0], 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty topic");
    }

    private static void rejects(Supplier<MqttSettings> build, String setting, String reason) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting + ":").hasMessageContaining(reason);
    }
}
