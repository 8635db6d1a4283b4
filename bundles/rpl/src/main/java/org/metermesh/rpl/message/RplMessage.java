package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RPL control message (RFC 6550 6): ICMPv6 type 155, the {@link #code()} telling DIS, DIO, DAO or DAO-ACK
 * apart. These values hold the message body that follows the 4-octet ICMPv6 header (Type, Code, Checksum); the
 * caller owns that header and its checksum.
 *
 * <p>Flags and Reserved fields that RFC 6550 reserves ("MUST be initialized to zero by the sender and MUST be
 * ignored by the receiver") are not kept: the encoder writes zeros, the decoder ignores them.
 */
public sealed interface RplMessage {

    /** ICMPv6 type of RPL control messages (RFC 6550 6, IANA). */
    int ICMPV6_TYPE = 155;

    /** DODAG Information Solicitation (RFC 6550 6.2). */
    int CODE_DIS = 0x00;
    /** DODAG Information Object (RFC 6550 6.3). */
    int CODE_DIO = 0x01;
    /** Destination Advertisement Object (RFC 6550 6.4). */
    int CODE_DAO = 0x02;
    /** DAO acknowledgement (RFC 6550 6.5). */
    int CODE_DAO_ACK = 0x03;
    /** Secure DIS (RFC 6550 6.1); rejected as unsupported. */
    int CODE_SECURE_DIS = 0x80;
    /** Secure DIO (RFC 6550 6.1); rejected as unsupported. */
    int CODE_SECURE_DIO = 0x81;
    /** Secure DAO (RFC 6550 6.1); rejected as unsupported. */
    int CODE_SECURE_DAO = 0x82;
    /** Secure DAO-ACK (RFC 6550 6.1); rejected as unsupported. */
    int CODE_SECURE_DAO_ACK = 0x83;
    /** Consistency Check, always secure (RFC 6550 6.6); rejected as unsupported. */
    int CODE_CONSISTENCY_CHECK = 0x8a;

    /** The ICMPv6 Code. */
    int code();

    /** The options, in wire order, padding and unknown options included. */
    List<RplOption> options();

    /** The first option of {@code type}, if any. */
    default <T extends RplOption> Optional<T> option(Class<T> type) {
        for (RplOption o : options()) {
            if (type.isInstance(o)) {
                return Optional.of(type.cast(o));
            }
        }
        return Optional.empty();
    }

    /** Every option of {@code type}, in wire order. */
    default <T extends RplOption> List<T> optionsOf(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RplOption o : options()) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return List.copyOf(out);
    }

    /**
     * DIS (RFC 6550 6.2.1): Flags (8, reserved), Reserved (8), options. Expected options: Pad1, PadN, Solicited
     * Information (6.2.3).
     */
    record Dis(List<RplOption> options) implements RplMessage {
        public Dis {
            options = List.copyOf(options);
        }

        /** A DIS without options. */
        public Dis() {
            this(List.of());
        }

        @Override
        public int code() {
            return CODE_DIS;
        }
    }

    /**
     * DIO (RFC 6550 6.3.1): RPLInstanceID, Version Number, Rank, G|0|MOP|Prf, DTSN, Flags (reserved), Reserved,
     * DODAGID, options. Expected options: Pad1, PadN, DAG Metric Container, Route Information, DODAG
     * Configuration, Prefix Information (6.3.3).
     *
     * @param instanceId RPLInstanceID
     * @param version    DODAG Version Number, a lollipop counter (RFC 6550 7.2)
     * @param rank       the sender's Rank, 0-0xFFFF (INFINITE_RANK poisons, 8.2.2.5)
     * @param grounded   G: the DODAG reaches the application goal
     * @param mop        Mode of Operation, 0-7 ({@link #MOP_NON_STORING} etc.)
     * @param preference DODAGPreference, 0-7 (7 most preferred)
     * @param dtsn       Destination Advertisement Trigger Sequence Number
     * @param dodagId    the DODAG root's IPv6 address
     */
    record Dio(int instanceId, int version, int rank, boolean grounded, int mop, int preference, int dtsn,
            Ipv6Address dodagId, List<RplOption> options) implements RplMessage {

        /** MOP 0: no downward routes maintained by RPL (RFC 6550 6.3.1). */
        public static final int MOP_NO_DOWNWARD_ROUTES = 0;
        /** MOP 1: non-storing mode of operation (RFC 6550 6.3.1). */
        public static final int MOP_NON_STORING = 1;
        /** MOP 2: storing mode without multicast support (RFC 6550 6.3.1). */
        public static final int MOP_STORING_NO_MULTICAST = 2;
        /** MOP 3: storing mode with multicast support (RFC 6550 6.3.1). */
        public static final int MOP_STORING_MULTICAST = 3;

        /** Octets before the options. */
        public static final int BASE_LENGTH = 24;

        public Dio {
            Fields.u8("RPLInstanceID", instanceId);
            Fields.u8("version", version);
            Fields.u16("rank", rank);
            Fields.range("MOP", mop, 0, 7);
            Fields.range("DODAG preference", preference, 0, 7);
            Fields.u8("DTSN", dtsn);
            Objects.requireNonNull(dodagId, "dodagId");
            options = List.copyOf(options);
        }

        @Override
        public int code() {
            return CODE_DIO;
        }
    }

    /**
     * DAO (RFC 6550 6.4.1): RPLInstanceID, K|D|Flags, Reserved, DAOSequence, DODAGID (present when D is set),
     * options. Expected options: Pad1, PadN, RPL Target, Transit Information, RPL Target Descriptor (6.4.3).
     *
     * @param instanceId   RPLInstanceID
     * @param ackRequested K: the recipient should answer with a DAO-ACK
     * @param sequence     DAOSequence
     * @param dodagId      the DODAGID, sent (D flag) when a local RPLInstanceID needs it
     */
    record Dao(int instanceId, boolean ackRequested, int sequence, Optional<Ipv6Address> dodagId,
            List<RplOption> options) implements RplMessage {

        public Dao {
            Fields.u8("RPLInstanceID", instanceId);
            Fields.u8("DAO sequence", sequence);
            Objects.requireNonNull(dodagId, "dodagId");
            options = List.copyOf(options);
        }

        @Override
        public int code() {
            return CODE_DAO;
        }
    }

    /**
     * DAO-ACK (RFC 6550 6.5.1): RPLInstanceID, D|Reserved, DAOSequence, Status, DODAGID (present when D is set).
     * Expected options: Pad1, PadN.
     *
     * @param instanceId RPLInstanceID
     * @param sequence   the DAOSequence acknowledged
     * @param status     0 unqualified acceptance, 1-127 accepted with reservations, 128-255 rejection
     * @param dodagId    the DODAGID (D flag)
     */
    record DaoAck(int instanceId, int sequence, int status, Optional<Ipv6Address> dodagId,
            List<RplOption> options) implements RplMessage {

        /** Status 0: unqualified acceptance (RFC 6550 6.5.1). */
        public static final int STATUS_ACCEPTED = 0;

        public DaoAck {
            Fields.u8("RPLInstanceID", instanceId);
            Fields.u8("DAO sequence", sequence);
            Fields.u8("status", status);
            Objects.requireNonNull(dodagId, "dodagId");
            options = List.copyOf(options);
        }

        /** Status 128-255 rejects the DAO (RFC 6550 6.5.1). */
        public boolean rejected() {
            return status >= 128;
        }

        @Override
        public int code() {
            return CODE_DAO_ACK;
        }
    }
}
