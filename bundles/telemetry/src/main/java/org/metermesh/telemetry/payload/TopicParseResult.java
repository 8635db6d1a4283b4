package org.metermesh.telemetry.payload;

import java.util.Objects;

/** The outcome of parsing a topic name: a {@link KuraTopic}, or a typed rejection. */
public sealed interface TopicParseResult permits TopicParseResult.Parsed, TopicParseResult.Rejected {

    record Parsed(KuraTopic topic) implements TopicParseResult {
        public Parsed {
            Objects.requireNonNull(topic, "topic");
        }
    }

    record Rejected(TopicError error, String detail) implements TopicParseResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
