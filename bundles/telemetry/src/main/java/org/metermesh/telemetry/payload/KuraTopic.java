package org.metermesh.telemetry.payload;

import java.util.List;
import java.util.Objects;

/**
 * A topic of Eclipse Kura's MQTT namespace. Every level is validated when the value is made (non-empty, no '/',
 * no wildcard, no NUL); {@link #topic()} builds the topic name. Parse with {@link KuraTopics#parse(String)}.
 */
public sealed interface KuraTopic {

    /** Kura's control prefix, the first level of birth, death, request and reply topics. */
    String CONTROL_PREFIX = "$EDC";

    String account();

    /** The MQTT topic name. */
    String topic();

    /** Data published by a client: {@code {account}/{client-id}/{app-id}/{resource...}} (zero or more levels). */
    record Data(String account, String clientId, String appId, List<String> resource) implements KuraTopic {
        public Data {
            KuraTopics.checkLevel(account, "account");
            if (account.startsWith("$")) {
                throw new InvalidTopicException(TopicError.RESERVED_PREFIX,
                        "a data topic's account must not begin with '$': " + account);
            }
            KuraTopics.checkLevel(clientId, "client id");
            KuraTopics.checkLevel(appId, "app id");
            resource = KuraTopics.checkLevels(resource, "resource");
        }

        @Override
        public String topic() {
            return KuraTopics.join(List.of(account, clientId, appId), resource);
        }
    }

    /** Birth, disconnect and last-will: {@code $EDC/{account}/{client-id}/MQTT/BIRTH|DC|LWT}. */
    record Lifecycle(String account, String clientId, LifecycleKind kind) implements KuraTopic {
        public Lifecycle {
            KuraTopics.checkLevel(account, "account");
            KuraTopics.checkLevel(clientId, "client id");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String topic() {
            return KuraTopics.join(List.of(CONTROL_PREFIX, account, clientId, "MQTT", kind.name()), List.of());
        }
    }

    /** A request to an app of a client: {@code $EDC/{account}/{client-id}/{app-id}/{method}/{resource...}}. */
    record Request(String account, String clientId, String appId, RequestMethod method, List<String> resource)
            implements KuraTopic {
        public Request {
            KuraTopics.checkLevel(account, "account");
            KuraTopics.checkLevel(clientId, "client id");
            KuraTopics.checkLevel(appId, "app id");
            Objects.requireNonNull(method, "method");
            resource = KuraTopics.checkLevels(resource, "resource");
        }

        @Override
        public String topic() {
            return KuraTopics.join(List.of(CONTROL_PREFIX, account, clientId, appId, method.name()), resource);
        }
    }

    /**
     * The reply to a request, addressed to the requester:
     * {@code $EDC/{account}/{requester-client-id}/{app-id}/REPLY/{request-id}}.
     */
    record Reply(String account, String requesterClientId, String appId, String requestId) implements KuraTopic {
        public Reply {
            KuraTopics.checkLevel(account, "account");
            KuraTopics.checkLevel(requesterClientId, "requester client id");
            KuraTopics.checkLevel(appId, "app id");
            KuraTopics.checkLevel(requestId, "request id");
        }

        @Override
        public String topic() {
            return KuraTopics.join(List.of(CONTROL_PREFIX, account, requesterClientId, appId, "REPLY", requestId),
                    List.of());
        }
    }

    enum LifecycleKind {
        /** Birth certificate, published on connect. */
        BIRTH,
        /** Disconnect certificate, published before a clean disconnect. */
        DC,
        /** Last will, published by the broker when the client vanishes. */
        LWT
    }

    enum RequestMethod {
        GET, PUT, POST, DEL, EXEC
    }
}
