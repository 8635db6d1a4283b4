package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metermesh.telemetry.payload.KuraTopic.LifecycleKind;
import org.metermesh.telemetry.payload.KuraTopic.RequestMethod;

class KuraTopicsTest {

    private static KuraTopic parsed(String topic) {
        TopicParseResult result = KuraTopics.parse(topic);
        assertThat(result).as("parsing %s", topic).isInstanceOf(TopicParseResult.Parsed.class);
        return ((TopicParseResult.Parsed) result).topic();
    }

    @Test
    void dataTopics() {
        KuraTopic.Data data = KuraTopics.data("utility", "gw-17", "METERMESH-V1", "meters", "0011223344556677",
                "usage");
        assertThat(data.topic()).isEqualTo("utility/gw-17/METERMESH-V1/meters/0011223344556677/usage");
        assertThat(parsed(data.topic())).isEqualTo(data);
        assertThat(parsed("a/b/c")).isEqualTo(new KuraTopic.Data("a", "b", "c", List.of()));
    }

    @Test
    void birthAndDeathTopics() {
        assertThat(KuraTopics.birth("utility", "gw-17").topic()).isEqualTo("$EDC/utility/gw-17/MQTT/BIRTH");
        assertThat(KuraTopics.disconnect("utility", "gw-17").topic()).isEqualTo("$EDC/utility/gw-17/MQTT/DC");
        assertThat(KuraTopics.lastWill("utility", "gw-17").topic()).isEqualTo("$EDC/utility/gw-17/MQTT/LWT");
        for (LifecycleKind kind : LifecycleKind.values()) {
            assertThat(parsed("$EDC/utility/gw-17/MQTT/" + kind))
                    .isEqualTo(new KuraTopic.Lifecycle("utility", "gw-17", kind));
        }
    }

    @Test
    void requestTopics() {
        KuraTopic.Request request = KuraTopics.request("utility", "gw-17", "METERMESH-V1", RequestMethod.EXEC,
                "meters", "0011223344556677", "relay");
        assertThat(request.topic()).isEqualTo("$EDC/utility/gw-17/METERMESH-V1/EXEC/meters/0011223344556677/relay");
        assertThat(parsed(request.topic())).isEqualTo(request);
        for (RequestMethod method : RequestMethod.values()) {
            assertThat(parsed("$EDC/a/c/APP/" + method))
                    .isEqualTo(new KuraTopic.Request("a", "c", "APP", method, List.of()));
        }
    }

    @Test
    void replyTopics() {
        KuraTopic.Reply reply = KuraTopics.reply("utility", "head-end-3", "METERMESH-V1", "req-8812");
        assertThat(reply.topic()).isEqualTo("$EDC/utility/head-end-3/METERMESH-V1/REPLY/req-8812");
        assertThat(parsed(reply.topic())).isEqualTo(reply);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EMPTY_TOPIC      | ''",
        "EMPTY_LEVEL      | a//c",
        "EMPTY_LEVEL      | /a/b/c",
        "EMPTY_LEVEL      | a/b/c/",
        "WILDCARD         | a/+/c",
        "WILDCARD         | a/b/#",
        "WILDCARD         | $EDC/a/b/APP/GET/x#y",
        "TOO_FEW_LEVELS   | a/b",
        "TOO_FEW_LEVELS   | $EDC/a/b/MQTT",
        "TOO_FEW_LEVELS   | $EDC/a/b/APP/REPLY",
        "TOO_MANY_LEVELS  | $EDC/a/b/APP/REPLY/1/2",
        "TOO_MANY_LEVELS  | $EDC/a/b/MQTT/BIRTH/x",
        "NOT_KURA_CONTROL | $SYS/broker/uptime",
        "UNKNOWN_LIFECYCLE| $EDC/a/b/MQTT/HELLO",
        "UNKNOWN_METHOD   | $EDC/a/b/APP/PATCH/x",
    })
    void malformedTopicsAreTypedRejections(TopicError error, String topic) {
        TopicParseResult result = KuraTopics.parse(topic);
        assertThat(result).isInstanceOfSatisfying(TopicParseResult.Rejected.class, r -> {
            assertThat(r.error()).as(r.detail()).isEqualTo(error);
            assertThat(r.detail()).isNotBlank();
        });
    }

    @Test
    void nulAndOverlongTopicsAreRejected() {
        assertThat(((TopicParseResult.Rejected) KuraTopics.parse("a/b\0/c")).error())
                .isEqualTo(TopicError.NUL_CHARACTER);
        assertThat(((TopicParseResult.Rejected) KuraTopics.parse("a/b/" + "é".repeat(40_000))).error())
                .isEqualTo(TopicError.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "", "+", "#", "x#", "\0"})
    void buildersRejectBadLevels(String level) {
        InvalidTopicException e = catchThrowableOfType(() -> KuraTopics.data("acct", level, "APP"),
                InvalidTopicException.class);
        assertThat(e).isNotNull();
        assertThat(e.error()).isIn(TopicError.SEPARATOR_IN_LEVEL, TopicError.EMPTY_LEVEL, TopicError.WILDCARD,
                TopicError.NUL_CHARACTER);
        assertThat(e.getMessage()).contains("client id");
    }

    @Test
    void builderErrorsAreSpecific() {
        assertThat(catchThrowableOfType(() -> KuraTopics.reply("a", "b", "APP", "x/y"), InvalidTopicException.class)
                .error()).isEqualTo(TopicError.SEPARATOR_IN_LEVEL);
        assertThat(catchThrowableOfType(() -> KuraTopics.data("a", "b", "APP", "ok", ""), InvalidTopicException.class)
                .error()).isEqualTo(TopicError.EMPTY_LEVEL);
        assertThat(catchThrowableOfType(() -> KuraTopics.birth("a", "gw+1"), InvalidTopicException.class).error())
                .isEqualTo(TopicError.WILDCARD);
        assertThat(catchThrowableOfType(() -> KuraTopics.data("$EDC", "b", "APP"), InvalidTopicException.class)
                .error()).isEqualTo(TopicError.RESERVED_PREFIX);
    }

    @Test
    void theResourceListIsImmutable() {
        List<String> resource = new java.util.ArrayList<>(List.of("x"));
        KuraTopic.Data data = new KuraTopic.Data("a", "b", "c", resource);
        resource.add("y");
        assertThat(data.resource()).containsExactly("x");
    }
}
