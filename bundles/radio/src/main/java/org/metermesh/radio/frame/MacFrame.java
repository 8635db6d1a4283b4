package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.MacAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable IEEE 802.15.4 MAC frame (MPDU without its FCS), as decoded or as to be encoded by
 * {@link MacFrameCodec}. Build one with {@link #builder(FrameType, FrameVersion)}; construction checks every rule
 * that the frame version imposes, so any frame that exists can be encoded and decodes back to an equal frame.
 *
 * <p>General MAC frame format, IEEE 802.15.4-2015 7.2.1 (Figure 7-1): Frame Control (2) | Sequence Number (0/1) |
 * Destination PAN ID (0/2) | Destination Address (0/2/8) | Source PAN ID (0/2) | Source Address (0/2/8) |
 * Auxiliary Security Header (0/5/6/10/14) | IEs (Header IEs, Payload IEs) | Frame Payload | FCS.
 *
 * <p>What is opaque: the payload of a secured frame (including encrypted Payload IEs, a 2015 Command ID and the
 * MIC at its end, see {@link SecurityLevel#micLength()}) and everything of a secured 2003 frame after the MHR.
 * The security layer unsecures it and may build a plain frame from the result.
 */
public final class MacFrame {

    private static final byte[] EMPTY = new byte[0];

    private final FrameType type;
    private final FrameVersion version;
    private final boolean securityEnabled;
    private final AuxiliarySecurityHeader security;
    private final boolean framePending;
    private final boolean ackRequest;
    private final int sequenceNumber;      // -1: suppressed
    private final int destinationPanId;    // -1: not present
    private final MacAddress destination;
    private final int sourcePanId;         // -1: not present
    private final MacAddress source;
    private final boolean panIdCompression;
    private final List<HeaderIe> headerIes;
    private final List<PayloadIe> payloadIes;
    private final BeaconFields beacon;
    private final int commandId;           // -1: not present / not readable
    private final byte[] payload;

    private MacFrame(Builder b, byte[] payload) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.version = Objects.requireNonNull(b.version, "version");
        this.security = b.security;
        this.securityEnabled = b.security != null || b.legacySecurityEnabled;
        this.framePending = b.framePending;
        this.ackRequest = b.ackRequest;
        this.sequenceNumber = b.sequenceNumber;
        this.destinationPanId = b.destinationPanId;
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.sourcePanId = b.sourcePanId;
        this.source = Objects.requireNonNull(b.source, "source");
        // Most frames carry no IEs: no copy for them (every frame a radio hears is decoded).
        this.headerIes = b.headerIes.isEmpty() ? List.of() : List.copyOf(b.headerIes);
        this.payloadIes = b.payloadIes.isEmpty() ? List.of() : List.copyOf(b.payloadIes);
        this.beacon = b.beacon;
        this.commandId = b.commandId;
        this.payload = payload;
        this.panIdCompression = validate();
    }

    public static Builder builder(FrameType type, FrameVersion version) {
        return new Builder(type, version);
    }

    /** A builder holding this frame's fields, to derive a modified frame. */
    public Builder toBuilder() {
        Builder b = new Builder(type, version);
        b.security = security;
        b.legacySecurityEnabled = security == null && securityEnabled;
        b.framePending = framePending;
        b.ackRequest = ackRequest;
        b.sequenceNumber = sequenceNumber;
        b.destinationPanId = destinationPanId;
        b.destination = destination;
        b.sourcePanId = sourcePanId;
        b.source = source;
        b.headerIes.addAll(headerIes);
        b.payloadIes.addAll(payloadIes);
        b.beacon = beacon;
        b.commandId = commandId;
        b.payload = payload;
        return b;
    }

    // ---- validation: every rule here mirrors a decision of FrameDecoder, so decode(encode(f)) equals f ----

    private boolean validate() {
        if (sequenceNumber < -1 || sequenceNumber > 0xff) {
            throw new IllegalArgumentException("sequence number " + sequenceNumber + " is outside 0..255");
        }
        if (sequenceNumber < 0 && version.isLegacy()) {
            throw new IllegalArgumentException("sequence number suppression needs frame version 2015 (7.2.2.8)");
        }
        requirePan("destination", destinationPanId);
        requirePan("source", sourcePanId);
        int presence = (destinationPanId >= 0 ? PanIdCompression.DST_PAN : 0)
                | (sourcePanId >= 0 ? PanIdCompression.SRC_PAN : 0);
        int bit = PanIdCompression.compressionBit(version, destination.mode(), source.mode(), presence);
        if (bit == PanIdCompression.INVALID) {
            throw new IllegalArgumentException("PAN ID fields " + describePresence(presence) + " with addressing "
                    + destination.mode() + "/" + source.mode() + " are not allowed in frame version " + version
                    + (version.isLegacy() ? " (802.15.4-2006 7.2.1.1.5)" : " (802.15.4-2015 Table 7-2)"));
        }
        validateSecurity();
        validateTypeSpecificFields();
        validateIes();
        return bit == 1;
    }

    private static void requirePan(String which, int pan) {
        if (pan < -1 || pan > 0xffff) {
            throw new IllegalArgumentException(which + " PAN ID " + pan + " is outside 0..0xffff");
        }
    }

    private static String describePresence(int presence) {
        switch (presence) {
            case 0: return "none";
            case PanIdCompression.DST_PAN: return "destination only";
            case PanIdCompression.SRC_PAN: return "source only";
            default: return "destination and source";
        }
    }

    private void validateSecurity() {
        if (version == FrameVersion.IEEE_802_15_4_2003) {
            if (security != null) {
                throw new IllegalArgumentException("frame version 2003 has no auxiliary security header");
            }
            return;
        }
        if (security == null) {
            return;
        }
        if (version == FrameVersion.IEEE_802_15_4_2006
                && (security.frameCounterSuppressed() || security.asnInNonce())) {
            throw new IllegalArgumentException("frame counter suppression and ASN in nonce need frame version 2015");
        }
        if (payload.length < security.level().micLength()) {
            throw new IllegalArgumentException("the payload of a secured frame ends with its " + security.level()
                    .micLength() + "-octet MIC, but has only " + payload.length + " octets");
        }
    }

    private void validateTypeSpecificFields() {
        boolean needsBeacon = type == FrameType.BEACON && version.isLegacy();
        if (needsBeacon != (beacon != null)) {
            throw new IllegalArgumentException(needsBeacon ? "a 2003/2006 beacon needs its superframe fields"
                    : "beacon fields belong to 2003/2006 beacons only");
        }
        boolean needsCommandId = type == FrameType.MAC_COMMAND && (version.isLegacy() || security == null);
        if (commandId < -1 || commandId > 0xff) {
            throw new IllegalArgumentException("command ID " + commandId + " is outside 0..255");
        }
        if (needsCommandId != (commandId >= 0)) {
            throw new IllegalArgumentException(needsCommandId ? "a MAC command frame needs its command ID"
                    : "a command ID is only readable in MAC command frames that are 2003/2006 or unsecured");
        }
    }

    // IEEE 802.15.4-2015 7.4.1: Header IEs are terminated by HT1 when Payload IEs follow, by HT2 when only the
    // MAC payload follows; Payload IEs are terminated by PT when the MAC payload follows.
    private void validateIes() {
        if (version.isLegacy()) {
            if (!headerIes.isEmpty() || !payloadIes.isEmpty()) {
                throw new IllegalArgumentException("IEs need frame version 2015");
            }
            return;
        }
        for (int i = 0; i < headerIes.size() - 1; i++) {
            if (headerIes.get(i).isTermination()) {
                throw new IllegalArgumentException("a header termination IE must be the last header IE");
            }
        }
        for (int i = 0; i < payloadIes.size() - 1; i++) {
            if (payloadIes.get(i).isTermination()) {
                throw new IllegalArgumentException("a payload termination IE must be the last payload IE");
            }
        }
        int lastHeader = headerIes.isEmpty() ? -1 : headerIes.get(headerIes.size() - 1).elementId();
        if (!payloadIes.isEmpty() && lastHeader != HeaderIe.ID_HT1) {
            throw new IllegalArgumentException(
                    "payload IEs must follow a Header Termination 1 (HT1) IE (802.15.4-2015 7.4.1)");
        }
        boolean terminated = lastHeader == HeaderIe.ID_HT1 || lastHeader == HeaderIe.ID_HT2;
        if (security != null) {
            if (!payloadIes.isEmpty()) {
                throw new IllegalArgumentException("the payload IEs of a secured frame are part of its opaque payload");
            }
            if (lastHeader >= 0 && !terminated && payload.length != security.level().micLength()) {
                throw new IllegalArgumentException("unterminated header IEs can only be followed by the MIC");
            }
            return;
        }
        int rest = (commandId >= 0 ? 1 : 0) + payload.length;
        boolean payloadTerminated = !payloadIes.isEmpty() && payloadIes.get(payloadIes.size() - 1).isTermination();
        boolean restAllowed = lastHeader < 0 || lastHeader == HeaderIe.ID_HT2
                || (lastHeader == HeaderIe.ID_HT1 && payloadTerminated);
        if (rest > 0 && !restAllowed) {
            throw new IllegalArgumentException("the IE list must be terminated (HT2, or HT1 ... PT) before the "
                    + (commandId >= 0 ? "command ID" : "payload") + "; see Builder.terminateIes()");
        }
    }

    // ---- accessors ----

    public FrameType type() {
        return type;
    }

    public FrameVersion version() {
        return version;
    }

    /** The Security Enabled bit. */
    public boolean securityEnabled() {
        return securityEnabled;
    }

    /** The Auxiliary Security Header (frame versions 2006 and 2015 with security enabled). */
    public Optional<AuxiliarySecurityHeader> security() {
        return Optional.ofNullable(security);
    }

    public boolean framePending() {
        return framePending;
    }

    public boolean ackRequest() {
        return ackRequest;
    }

    /** The PAN ID Compression bit this frame is sent with, derived from the PAN ID fields present. */
    public boolean panIdCompression() {
        return panIdCompression;
    }

    /** The sequence number, empty when suppressed (2015, 7.2.2.8). */
    public OptionalInt sequenceNumber() {
        return sequenceNumber < 0 ? OptionalInt.empty() : OptionalInt.of(sequenceNumber);
    }

    public boolean sequenceNumberSuppressed() {
        return sequenceNumber < 0;
    }

    /** The Destination PAN ID field, if present. */
    public OptionalInt destinationPanId() {
        return destinationPanId < 0 ? OptionalInt.empty() : OptionalInt.of(destinationPanId);
    }

    public MacAddress destination() {
        return destination;
    }

    /** The Source PAN ID field, if present (it is often elided by PAN ID compression: see {@link #sourcePan()}). */
    public OptionalInt sourcePanId() {
        return sourcePanId < 0 ? OptionalInt.empty() : OptionalInt.of(sourcePanId);
    }

    /** The PAN the source belongs to: the Source PAN ID, or the Destination PAN ID when that is elided. */
    public OptionalInt sourcePan() {
        return sourcePanId >= 0 ? sourcePanId() : destinationPanId();
    }

    public MacAddress source() {
        return source;
    }

    /** Header IEs in order, termination IE included. Non-empty exactly when the IE Present bit is set. */
    public List<HeaderIe> headerIes() {
        return headerIes;
    }

    /** Payload IEs in order, termination IE included (empty for secured frames, where they are opaque). */
    public List<PayloadIe> payloadIes() {
        return payloadIes;
    }

    /** Superframe, GTS and pending address fields of a 2003/2006 beacon. */
    public Optional<BeaconFields> beacon() {
        return Optional.ofNullable(beacon);
    }

    /** The Command ID of a MAC command frame, unless it is encrypted (secured 2015 frames). */
    public OptionalInt commandId() {
        return commandId < 0 ? OptionalInt.empty() : OptionalInt.of(commandId);
    }

    /** Returns a copy of the frame payload (after IEs, beacon fields or command ID; opaque if secured). */
    public byte[] payload() {
        return payload.clone();
    }

    /** A read-only view of the payload, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    public int payloadLength() {
        return payload.length;
    }

    // package-private access for the encoder, no copies
    byte[] payloadArray() {
        return payload;
    }

    int rawSequenceNumber() {
        return sequenceNumber;
    }

    int rawDestinationPanId() {
        return destinationPanId;
    }

    int rawSourcePanId() {
        return sourcePanId;
    }

    int rawCommandId() {
        return commandId;
    }

    AuxiliarySecurityHeader rawSecurity() {
        return security;
    }

    BeaconFields rawBeacon() {
        return beacon;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof MacFrame f && type == f.type && version == f.version
                && securityEnabled == f.securityEnabled && framePending == f.framePending
                && ackRequest == f.ackRequest && sequenceNumber == f.sequenceNumber
                && destinationPanId == f.destinationPanId && sourcePanId == f.sourcePanId
                && commandId == f.commandId && destination.equals(f.destination) && source.equals(f.source)
                && Objects.equals(security, f.security) && Objects.equals(beacon, f.beacon)
                && headerIes.equals(f.headerIes) && payloadIes.equals(f.payloadIes)
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, securityEnabled, framePending, ackRequest, sequenceNumber,
                destinationPanId, destination, sourcePanId, source, security, headerIes, payloadIes, beacon,
                commandId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MacFrame[").append(type).append(' ').append(version);
        sb.append(sequenceNumber < 0 ? " seq=suppressed" : " seq=" + sequenceNumber);
        if (destinationPanId >= 0) {
            sb.append(String.format(" dstPan=0x%04x", destinationPanId));
        }
        sb.append(" dst=").append(destination);
        if (sourcePanId >= 0) {
            sb.append(String.format(" srcPan=0x%04x", sourcePanId));
        }
        sb.append(" src=").append(source);
        if (ackRequest) {
            sb.append(" AR");
        }
        if (framePending) {
            sb.append(" FP");
        }
        if (securityEnabled) {
            sb.append(' ').append(security == null ? "secured(2003)" : security);
        }
        if (!headerIes.isEmpty()) {
            sb.append(" hie=").append(headerIes);
        }
        if (!payloadIes.isEmpty()) {
            sb.append(" pie=").append(payloadIes);
        }
        if (beacon != null) {
            sb.append(' ').append(beacon);
        }
        if (commandId >= 0) {
            sb.append(String.format(" cmd=0x%02x", commandId));
        }
        return sb.append(" payload=").append(HexFormat.of().formatHex(payload)).append(']').toString();
    }

    /** Collects the fields of a {@link MacFrame}; {@link #build()} checks them against the frame version's rules. */
    public static final class Builder {
        private final FrameType type;
        private final FrameVersion version;
        private AuxiliarySecurityHeader security;
        private boolean legacySecurityEnabled;
        private boolean framePending;
        private boolean ackRequest;
        private int sequenceNumber;
        private int destinationPanId = -1;
        private MacAddress destination = MacAddress.NONE;
        private int sourcePanId = -1;
        private MacAddress source = MacAddress.NONE;
        private final List<HeaderIe> headerIes = new ArrayList<>();
        private final List<PayloadIe> payloadIes = new ArrayList<>();
        private boolean terminateIes;
        private BeaconFields beacon;
        private int commandId = -1;
        private byte[] payload = EMPTY;

        private Builder(FrameType type, FrameVersion version) {
            this.type = Objects.requireNonNull(type, "type");
            this.version = Objects.requireNonNull(version, "version");
        }

        public Builder sequenceNumber(int sequenceNumber) {
            if (sequenceNumber < 0 || sequenceNumber > 0xff) {
                throw new IllegalArgumentException("sequence number " + sequenceNumber + " is outside 0..255");
            }
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        /** Omit the sequence number (frame version 2015 only, 7.2.2.8). */
        public Builder suppressSequenceNumber() {
            this.sequenceNumber = -1;
            return this;
        }

        public Builder framePending(boolean framePending) {
            this.framePending = framePending;
            return this;
        }

        public Builder ackRequest(boolean ackRequest) {
            this.ackRequest = ackRequest;
            return this;
        }

        /** The destination address and the Destination PAN ID field. */
        public Builder destination(int panId, MacAddress address) {
            this.destinationPanId = requirePanId(panId);
            this.destination = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The destination address without a Destination PAN ID field. */
        public Builder destination(MacAddress address) {
            this.destinationPanId = -1;
            this.destination = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The source address and the Source PAN ID field. */
        public Builder source(int panId, MacAddress address) {
            this.sourcePanId = requirePanId(panId);
            this.source = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The source address without a Source PAN ID field. */
        public Builder source(MacAddress address) {
            this.sourcePanId = -1;
            this.source = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Sets or clears just the Destination PAN ID field (-1: absent). */
        public Builder destinationPanId(int panId) {
            this.destinationPanId = panId == -1 ? -1 : requirePanId(panId);
            return this;
        }

        /** Sets or clears just the Source PAN ID field (-1: absent). */
        public Builder sourcePanId(int panId) {
            this.sourcePanId = panId == -1 ? -1 : requirePanId(panId);
            return this;
        }

        /**
         * Both addresses in one PAN, with PAN ID compression: one PAN ID field (the destination's if there is a
         * destination address, else the source's), as both rule sets allow.
         */
        public Builder intraPan(int panId, MacAddress destination, MacAddress source) {
            requirePanId(panId);
            this.destination = Objects.requireNonNull(destination, "destination");
            this.source = Objects.requireNonNull(source, "source");
            boolean dst = destination.mode() != AddressingMode.NONE;
            boolean src = source.mode() != AddressingMode.NONE;
            this.destinationPanId = dst ? panId : -1;
            this.sourcePanId = !dst && src ? panId : -1;
            return this;
        }

        /** Secure with this Auxiliary Security Header (frame versions 2006/2015); null for an unsecured frame. */
        public Builder security(AuxiliarySecurityHeader security) {
            this.security = security;
            return this;
        }

        /** Frame version 2003 only: set the Security Enabled bit (2003 security has no auxiliary header). */
        public Builder legacySecurityEnabled(boolean enabled) {
            this.legacySecurityEnabled = enabled;
            return this;
        }

        public Builder headerIes(List<HeaderIe> ies) {
            headerIes.clear();
            headerIes.addAll(ies);
            return this;
        }

        public Builder addHeaderIe(HeaderIe ie) {
            headerIes.add(Objects.requireNonNull(ie, "ie"));
            return this;
        }

        public Builder payloadIes(List<PayloadIe> ies) {
            payloadIes.clear();
            payloadIes.addAll(ies);
            return this;
        }

        public Builder addPayloadIe(PayloadIe ie) {
            payloadIes.add(Objects.requireNonNull(ie, "ie"));
            return this;
        }

        /**
         * At build time, add the termination IEs that 802.15.4-2015 7.4.1 requires: HT1 before Payload IEs, PT after
         * them when a payload follows, HT2 after Header IEs when only a payload follows.
         */
        public Builder terminateIes() {
            this.terminateIes = true;
            return this;
        }

        public Builder beacon(BeaconFields beacon) {
            this.beacon = beacon;
            return this;
        }

        public Builder commandId(int commandId) {
            if (commandId < -1 || commandId > 0xff) {
                throw new IllegalArgumentException("command ID " + commandId + " is outside 0..255");
            }
            this.commandId = commandId;
            return this;
        }

        public Builder payload(byte[] payload) {
            this.payload = payload.clone();
            return this;
        }

        /** @throws IllegalArgumentException if the fields break a rule of the frame version */
        public MacFrame build() {
            if (terminateIes) {
                addTerminations();
            }
            return new MacFrame(this, payload);
        }

        private void addTerminations() {
            boolean restFollows = payload.length > 0 || commandId >= 0;
            if (!payloadIes.isEmpty()) {
                if (headerIes.isEmpty() || headerIes.get(headerIes.size() - 1).elementId() != HeaderIe.ID_HT1) {
                    headerIes.add(HeaderIe.headerTermination1());
                }
                if (restFollows && security == null && !payloadIes.get(payloadIes.size() - 1).isTermination()) {
                    payloadIes.add(PayloadIe.payloadTermination());
                }
            } else if (!headerIes.isEmpty() && restFollows && !headerIes.get(headerIes.size() - 1).isTermination()) {
                headerIes.add(HeaderIe.headerTermination2());
            }
        }

        private static int requirePanId(int panId) {
            if (panId < 0 || panId > 0xffff) {
                throw new IllegalArgumentException("PAN ID " + panId + " is outside 0..0xffff");
            }
            return panId;
        }
    }

    /** Used by the decoder: the payload array is already a private copy. */
    static MacFrame decoded(Builder b, byte[] payload) {
        return new MacFrame(b, payload);
    }
}
