package org.metermesh.telemetry.payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds and parses topics of Eclipse Kura's MQTT namespace:
 * <ul>
 * <li>data: {@code {account}/{client-id}/{app-id}/{resource...}}</li>
 * <li>birth/death: {@code $EDC/{account}/{client-id}/MQTT/BIRTH|DC|LWT}</li>
 * <li>requests: {@code $EDC/{account}/{client-id}/{app-id}/GET|PUT|POST|DEL|EXEC/{resource...}}</li>
 * <li>replies: {@code $EDC/{account}/{requester-client-id}/{app-id}/REPLY/{request-id}}</li>
 * </ul>
 * Topic names follow MQTT 3.1.1 section 4.7: levels separated by '/', no wildcards in names, no NUL, at most
 * 65,535 UTF-8 octets; Kura's levels must also be non-empty.
 */
public final class KuraTopics {

    static final int MAX_TOPIC_OCTETS = 65_535;

    private KuraTopics() {
    }

    public static KuraTopic.Data data(String account, String clientId, String appId, String... resource) {
        return new KuraTopic.Data(account, clientId, appId, Arrays.asList(resource));
    }

    public static KuraTopic.Lifecycle birth(String account, String clientId) {
        return new KuraTopic.Lifecycle(account, clientId, KuraTopic.LifecycleKind.BIRTH);
    }

    public static KuraTopic.Lifecycle disconnect(String account, String clientId) {
        return new KuraTopic.Lifecycle(account, clientId, KuraTopic.LifecycleKind.DC);
    }

    public static KuraTopic.Lifecycle lastWill(String account, String clientId) {
        return new KuraTopic.Lifecycle(account, clientId, KuraTopic.LifecycleKind.LWT);
    }

    public static KuraTopic.Request request(String account, String clientId, String appId,
            KuraTopic.RequestMethod method, String... resource) {
        return new KuraTopic.Request(account, clientId, appId, method, Arrays.asList(resource));
    }

    public static KuraTopic.Reply reply(String account, String requesterClientId, String appId, String requestId) {
        return new KuraTopic.Reply(account, requesterClientId, appId, requestId);
    }

    /** Parses a topic name received or configured. Never throws for any string. */
    public static TopicParseResult parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        try {
            checkTopicName(topic);
            List<String> levels = List.of(topic.split("/", -1));
            for (String level : levels) {
                if (level.isEmpty()) {
                    throw new InvalidTopicException(TopicError.EMPTY_LEVEL, "empty level in '" + topic + "'");
                }
            }
            return new TopicParseResult.Parsed(levels.get(0).startsWith("$") ? control(topic, levels)
                    : data(topic, levels));
        } catch (InvalidTopicException e) {
            return new TopicParseResult.Rejected(e.error(), e.getMessage());
        }
    }

    private static KuraTopic data(String topic, List<String> levels) {
        if (levels.size() < 3) {
            throw new InvalidTopicException(TopicError.TOO_FEW_LEVELS,
                    "a data topic has account/client-id/app-id[/resource...]: '" + topic + "'");
        }
        return new KuraTopic.Data(levels.get(0), levels.get(1), levels.get(2), levels.subList(3, levels.size()));
    }

    private static KuraTopic control(String topic, List<String> levels) {
        if (!levels.get(0).equals(KuraTopic.CONTROL_PREFIX)) {
            throw new InvalidTopicException(TopicError.NOT_KURA_CONTROL,
                    "'" + levels.get(0) + "' is not Kura's control prefix " + KuraTopic.CONTROL_PREFIX);
        }
        if (levels.size() < 5) {
            throw new InvalidTopicException(TopicError.TOO_FEW_LEVELS,
                    "a control topic has $EDC/account/client-id/app-id/verb[/...]: '" + topic + "'");
        }
        String account = levels.get(1);
        String clientId = levels.get(2);
        String appId = levels.get(3);
        String verb = levels.get(4);
        if (appId.equals("MQTT")) {
            KuraTopic.LifecycleKind kind = enumValue(KuraTopic.LifecycleKind.class, verb);
            if (kind == null) {
                throw new InvalidTopicException(TopicError.UNKNOWN_LIFECYCLE,
                        "'" + verb + "' is not BIRTH, DC or LWT in '" + topic + "'");
            }
            if (levels.size() > 5) {
                throw new InvalidTopicException(TopicError.TOO_MANY_LEVELS,
                        "nothing follows " + verb + " in a birth/death topic: '" + topic + "'");
            }
            return new KuraTopic.Lifecycle(account, clientId, kind);
        }
        if (verb.equals("REPLY")) {
            if (levels.size() != 6) {
                throw new InvalidTopicException(levels.size() < 6 ? TopicError.TOO_FEW_LEVELS
                        : TopicError.TOO_MANY_LEVELS,
                        "a reply topic has exactly one level, the request id, after REPLY: '" + topic + "'");
            }
            return new KuraTopic.Reply(account, clientId, appId, levels.get(5));
        }
        KuraTopic.RequestMethod method = enumValue(KuraTopic.RequestMethod.class, verb);
        if (method == null) {
            throw new InvalidTopicException(TopicError.UNKNOWN_METHOD,
                    "'" + verb + "' is not GET, PUT, POST, DEL, EXEC or REPLY in '" + topic + "'");
        }
        return new KuraTopic.Request(account, clientId, appId, method, levels.subList(5, levels.size()));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        return null;
    }

    private static void checkTopicName(String topic) {
        if (topic.isEmpty()) {
            throw new InvalidTopicException(TopicError.EMPTY_TOPIC, "topic is empty");
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_OCTETS) {
            throw new InvalidTopicException(TopicError.TOO_LONG,
                    "topic is longer than " + MAX_TOPIC_OCTETS + " UTF-8 octets");
        }
        checkCharacters(topic, "topic");
    }

    private static void checkCharacters(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '#') {
                throw new InvalidTopicException(TopicError.WILDCARD, what + " '" + s + "' contains wildcard '" + c
                        + "'");
            }
            if (c == '\0') {
                throw new InvalidTopicException(TopicError.NUL_CHARACTER, what + " contains U+0000");
            }
        }
    }

    /** Checks one level given to a builder. */
    static void checkLevel(String level, String what) {
        Objects.requireNonNull(level, what);
        if (level.isEmpty()) {
            throw new InvalidTopicException(TopicError.EMPTY_LEVEL, what + " is empty");
        }
        if (level.indexOf('/') >= 0) {
            throw new InvalidTopicException(TopicError.SEPARATOR_IN_LEVEL,
                    what + " '" + level + "' contains the level separator '/'");
        }
        checkCharacters(level, what);
    }

    static List<String> checkLevels(List<String> levels, String what) {
        Objects.requireNonNull(levels, what);
        for (String level : levels) {
            checkLevel(level, what + " level");
        }
        return List.copyOf(levels);
    }

    static String join(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        String topic = String.join("/", all);
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_OCTETS) {
            throw new InvalidTopicException(TopicError.TOO_LONG,
                    "topic is longer than " + MAX_TOPIC_OCTETS + " UTF-8 octets");
        }
        return topic;
    }
}
