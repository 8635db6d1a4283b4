package org.metermesh.telemetry.payload;

/** Why a string is not a valid topic of the Kura namespace (MQTT 3.1.1 section 4.7 plus Kura's layout). */
public enum TopicError {
    /** The topic is empty. */
    EMPTY_TOPIC,
    /** Longer than 65,535 UTF-8 octets (MQTT 3.1.1 section 1.5.3). */
    TOO_LONG,
    /** Two adjacent '/', a leading or trailing '/', or an empty level given to a builder. */
    EMPTY_LEVEL,
    /** '+' or '#' in a topic name: wildcards are for subscriptions only (MQTT 3.1.1 section 4.7.1). */
    WILDCARD,
    /** A level given to a builder contains '/'. */
    SEPARATOR_IN_LEVEL,
    /** U+0000 is not allowed in MQTT strings (MQTT 3.1.1 section 1.5.3). */
    NUL_CHARACTER,
    /** Fewer levels than the topic kind needs (data: account/client-id/app-id; control: see {@link KuraTopics}). */
    TOO_FEW_LEVELS,
    /** More levels than the topic kind has (birth/death, reply). */
    TOO_MANY_LEVELS,
    /** A data topic whose account begins with '$', which MQTT reserves for server topics (section 4.7.2). */
    RESERVED_PREFIX,
    /** A '$' topic other than Kura's control prefix $EDC. */
    NOT_KURA_CONTROL,
    /** $EDC/account/client/MQTT/X with X not BIRTH, DC or LWT. */
    UNKNOWN_LIFECYCLE,
    /** $EDC/account/client/app/X/... with X not GET, PUT, POST, DEL, EXEC or REPLY. */
    UNKNOWN_METHOD
}
