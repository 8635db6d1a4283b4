package org.metermesh.radio.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.radio.frame.AuxiliarySecurityHeader;
import org.metermesh.radio.frame.BeaconFields;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.FrameSamples;
import org.metermesh.radio.frame.FrameType;
import org.metermesh.radio.frame.FrameVersion;
import org.metermesh.radio.frame.GtsDescriptor;
import org.metermesh.radio.frame.HeaderIe;
import org.metermesh.radio.frame.KeyIdMode;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.frame.MlmeSubIe;
import org.metermesh.radio.frame.PayloadIe;
import org.metermesh.api.radio.ShortAddress;

/**
 * Writes captures of every sample frame (every version, type and addressing combination) with our codec and pcap
 * writer, has tshark 4.0 (an independent decoder) read them, and checks that every frame decodes with a good FCS,
 * nothing is malformed or at error level, and every field tshark reads equals what we encoded.
 */
class TsharkCaptureTest {

    private static final String WARN_NO_KEY = "No encryption key set - can't decrypt";
    private static final String WARN_UNKNOWN_IE = "Unsupported IE ID";
    private static final String WARN_UNKNOWN_COMMAND = "Unknown Command Id (cf. IEEE 802.15.4-2015 Table 7-49)";
    private static final long T0 = 1_700_000_000_000_000L;

    private static final List<String> FIELDS = List.of("frame.number", "wpan.frame_length", "wpan.fcs_ok",
            "_ws.malformed", "_ws.expert.severity", "_ws.expert.message",
            "wpan.frame_type", "wpan.version", "wpan.security", "wpan.pending", "wpan.ack_request",
            "wpan.pan_id_compression", "wpan.seqno_suppression", "wpan.ie_present", "wpan.dst_addr_mode",
            "wpan.src_addr_mode", "wpan.seq_no", "wpan.dst_pan", "wpan.src_pan", "wpan.dst16", "wpan.src16",
            "wpan.dst64", "wpan.src64",
            "wpan.aux_sec.sec_level", "wpan.aux_sec.key_id_mode", "wpan.aux_sec.frame_counter_suppression",
            "wpan.aux_sec.frame_counter", "wpan.aux_sec.key_source", "wpan.aux_sec.key_index", "wpan.mic",
            "wpan.sec_frame_counter", "wpan.sec_key_sequence_counter", "wpan.cmd",
            "wpan.beacon_order", "wpan.superframe_order", "wpan.cap", "wpan.bcn_coord", "wpan.assoc_permit",
            "wpan.gts.count", "wpan.gts.address", "wpan.pending16", "wpan.pending64",
            "wpan.header_ie.id", "wpan.header_ie.length", "wpan.header_ie.time_correction.value", "wpan.nack",
            "wpan.header_ie.vendor_specific.vendor_oui", "wpan.payload_ie.id", "wpan.payload_ie.length",
            "wpan.payload_ie.vendor.oui", "wpan.mlme.ie.id", "wpan.tsch.asn", "data.data",
            "wpan-tap.fcs_type", "wpan-tap.rss", "wpan-tap.lqi", "wpan-tap.ch_num", "wpan-tap.ch_page",
            "wpan-tap.ch_freq");

    @TempDir
    Path dir;

    @Test
    void linktype195WithCrc16() throws Exception {
        check(LinkType.IEEE802_15_4_WITHFCS, MacFrameCodec.classic(), FrameSamples.allCombinations(),
                List.of("wpan.fcs_format:ITU-T CRC-16"));
    }

    @Test
    void linktype195WithCrc32SelectedByPreference() throws Exception {
        check(LinkType.IEEE802_15_4_WITHFCS, MacFrameCodec.sun(), FrameSamples.allCombinations(),
                List.of("wpan.fcs_format:ITU-T CRC-32"));
    }

    @Test
    void tapWithCrc16OnTwoPointFourGigahertz() throws Exception {
        check(LinkType.IEEE802_15_4_TAP, MacFrameCodec.classic(), FrameSamples.allCombinations(), List.of());
    }

    @Test
    void tapWithCrc32AndSunSizedFrames() throws Exception {
        // No preference: the TAP FCS_TYPE TLV tells tshark that the FCS is 32 bits.
        List<MacFrame> frames = new ArrayList<>(FrameSamples.allCombinations());
        frames.addAll(largeSunFrames());
        check(LinkType.IEEE802_15_4_TAP, MacFrameCodec.sun(), frames, List.of());
    }

    @Test
    void tsharkSeesACorruptedFcs() throws Exception {
        // The comparison is only worth something if tshark really checks our FCS: break one and watch it notice.
        MacFrameCodec codec = MacFrameCodec.sun();
        byte[] psdu = codec.encode(FrameSamples.allCombinations().get(30));
        psdu[psdu.length - 1] ^= 0x01;
        Path pcap = dir.resolve("bad-fcs.pcap");
        try (OutputStream out = Files.newOutputStream(pcap)) {
            new PcapWriter(out, LinkType.IEEE802_15_4_TAP).write(T0, psdu, 0, psdu.length,
                    TapMetadata.of(FcsType.CRC32));
        }
        List<Map<String, String>> rows = Tshark.fields(pcap, dir, List.of(),
                List.of("wpan.fcs_ok", "_ws.expert.message"));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("wpan.fcs_ok")).isIn("0", "False");
            assertThat(r.get("_ws.expert.message")).contains("Bad FCS");
        });
    }

    private static List<MacFrame> largeSunFrames() {
        byte[] big = new byte[1800];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 0x3f);
        }
        MacFrame data = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2015).sequenceNumber(200)
                .intraPan(0xcafe, ExtendedAddress.of(0x0200_4d6d_0000_0001L),
                        ExtendedAddress.of(0x0200_4d6d_0000_0002L))
                .addHeaderIe(HeaderIe.timeCorrection(7, false)).terminateIes().payload(big).build();
        MacFrame ies = MacFrame.builder(FrameType.BEACON, FrameVersion.IEEE_802_15_4_2015).suppressSequenceNumber()
                .source(0xcafe, ExtendedAddress.of(0x0200_4d6d_0000_0001L))
                .addPayloadIe(PayloadIe.vendorSpecific(0x00124b, Arrays.copyOf(big, 1200)))
                .addPayloadIe(PayloadIe.mlme(List.of(MlmeSubIe.tschSynchronization(123_456_789L, 2))))
                .payload(new byte[] {0x01, 0x02}).terminateIes().build();
        return List.of(data, ies);
    }

    private void check(LinkType linkType, MacFrameCodec codec, List<MacFrame> frames, List<String> prefs)
            throws IOException, InterruptedException {
        Path pcap = dir.resolve(linkType + "-" + codec.fcsType() + ".pcap");
        List<byte[]> psdus = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(pcap)) {
            PcapWriter writer = new PcapWriter(out, linkType);
            for (int i = 0; i < frames.size(); i++) {
                byte[] psdu = codec.encode(frames.get(i));
                psdus.add(psdu);
                writer.write(T0 + 1000L * i, psdu, 0, psdu.length, metadata(codec.fcsType(), i));
            }
        }
        List<Map<String, String>> rows = Tshark.fields(pcap, dir, prefs, FIELDS);

        assertThat(rows).as("every frame is in tshark's output").hasSize(frames.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            MacFrame frame = frames.get(i);
            Map<String, String> row = rows.get(i);
            Map<String, String> expected = expectedFields(frame, psdus.get(i), codec.fcsType(), i,
                    linkType == LinkType.IEEE802_15_4_TAP);
            expected.forEach((field, value) -> {
                String actual = canonical(field, row.get(field));
                if (!value.equals(actual)) {
                    mismatches.add("frame " + row.get("frame.number") + " " + field + ": tshark read '" + actual
                            + "', we encoded '" + value + "' in " + frame);
                }
            });
            if (!row.get("_ws.malformed").isEmpty()) {
                mismatches.add("frame " + (i + 1) + " is malformed for tshark: " + frame);
            }
            for (String severity : split(row.get("_ws.expert.severity"))) {
                if (Long.decode(severity) >= Tshark.PI_ERROR) {
                    mismatches.add("frame " + (i + 1) + " has an expert error: " + row.get("_ws.expert.message"));
                }
            }
        }
        assertThat(mismatches).as("differences between tshark and our encoder").isEmpty();
    }

    private static TapMetadata metadata(FcsType fcs, int i) {
        TapMetadata m = TapMetadata.of(fcs).withRss(-40f - i % 50 - 0.5f).withLqi(255 - i % 200);
        if (fcs == FcsType.CRC32) {
            // North-American SUN plan: channel 0 at 902.2 MHz, 200 kHz spacing (page 9 is the SUN FSK page).
            int channel = i % 129;
            return m.withChannel(channel, 9).withChannelFrequencyKhz(902_200f + 200f * channel);
        }
        int channel = 11 + i % 16;  // 2.4 GHz O-QPSK, page 0: 2405 + 5 (k - 11) MHz
        return m.withChannel(channel, 0).withChannelFrequencyKhz(2_405_000f + 5_000f * (channel - 11));
    }

    // ---- what tshark must read back: canonical strings, lists joined with "," ----

    private static Map<String, String> expectedFields(MacFrame f, byte[] psdu, FcsType fcs, int i, boolean tap) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("frame.number", String.valueOf(i + 1));
        e.put("wpan.frame_length", String.valueOf(psdu.length - fcs.length()));  // tshark counts the MPDU
        e.put("wpan.fcs_ok", "1");
        e.put("wpan.frame_type", String.valueOf(f.type().code()));
        e.put("wpan.version", String.valueOf(f.version().code()));
        e.put("wpan.security", bool(f.securityEnabled()));
        e.put("wpan.pending", bool(f.framePending()));
        e.put("wpan.ack_request", bool(f.ackRequest()));
        e.put("wpan.pan_id_compression", bool(f.panIdCompression()));
        e.put("wpan.seqno_suppression", bool(f.sequenceNumberSuppressed()));
        e.put("wpan.ie_present", bool(!f.headerIes().isEmpty()));
        e.put("wpan.dst_addr_mode", String.valueOf(f.destination().mode().code()));
        e.put("wpan.src_addr_mode", String.valueOf(f.source().mode().code()));
        e.put("wpan.seq_no", f.sequenceNumber().isPresent() ? String.valueOf(f.sequenceNumber().getAsInt()) : "");
        e.put("wpan.dst_pan", f.destinationPanId().isPresent() ? String.valueOf(f.destinationPanId().getAsInt()) : "");
        e.put("wpan.src_pan", f.sourcePanId().isPresent() ? String.valueOf(f.sourcePanId().getAsInt()) : "");
        e.put("wpan.dst16", shortAddress(f.destination()));
        e.put("wpan.src16", shortAddress(f.source()));
        e.put("wpan.dst64", f.destination() instanceof ExtendedAddress x ? x.toString() : "");
        e.put("wpan.src64", f.source() instanceof ExtendedAddress x ? x.toString() : "");
        expectSecurity(e, f);
        // 2003/2006 command IDs are in the clear, 2015 ones after the (unencrypted) payload IEs
        e.put("wpan.cmd", f.commandId().isPresent() ? String.valueOf(f.commandId().getAsInt()) : "");
        expectBeacon(e, f.beacon().orElse(null));
        expectIes(e, f);
        e.put("data.data", expectedData(f));

        Set<String> warnings = new TreeSet<>();
        if (f.securityEnabled()) {
            warnings.add(WARN_NO_KEY);
        }
        if (f.headerIes().stream().anyMatch(ie -> ie.elementId() >= 0x40 && ie.elementId() < 0x7e)) {
            warnings.add(WARN_UNKNOWN_IE);
        }
        if (f.commandId().orElse(-1) == FrameSamples.UNKNOWN_COMMAND_ID) {
            warnings.add(WARN_UNKNOWN_COMMAND);
        }
        e.put("_ws.expert.message", String.join(",", warnings));

        if (tap) {
            TapMetadata m = metadata(fcs, i);
            e.put("wpan-tap.fcs_type", String.valueOf(fcs.tapCode()));
            e.put("wpan-tap.rss", String.valueOf((double) m.rssDbm()));
            e.put("wpan-tap.lqi", String.valueOf(m.lqi()));
            e.put("wpan-tap.ch_num", String.valueOf(m.channel().number()));
            e.put("wpan-tap.ch_page", String.valueOf(m.channel().page()));
            e.put("wpan-tap.ch_freq", String.valueOf((double) m.channelFrequencyKhz()));
        }
        return e;
    }

    private static void expectSecurity(Map<String, String> e, MacFrame f) {
        AuxiliarySecurityHeader h = f.security().orElse(null);
        e.put("wpan.aux_sec.sec_level", h == null ? "" : String.valueOf(h.level().code()));
        e.put("wpan.aux_sec.key_id_mode", h == null ? "" : String.valueOf(h.keyIdMode().code()));
        e.put("wpan.aux_sec.frame_counter_suppression", h == null ? "" : bool(h.frameCounterSuppressed()));
        e.put("wpan.aux_sec.frame_counter", h == null || h.frameCounterSuppressed() ? ""
                : String.valueOf(h.frameCounter()));
        // Wireshark shows the key source as a big-endian number of its octets as sent
        e.put("wpan.aux_sec.key_source", h == null || h.keyIdMode().keySourceLength() == 0 ? ""
                : Long.toUnsignedString(bigEndian(h.keySource())));
        e.put("wpan.aux_sec.key_index", h == null || h.keyIdMode() == KeyIdMode.IMPLICIT ? ""
                : String.valueOf(h.keyIndex()));
        byte[] payload = f.payload();
        int mic = h != null ? h.level().micLength() : f.securityEnabled() ? 8 : 0;  // 2003: tshark's default suite
        e.put("wpan.mic", mic == 0 ? "" : hex(Arrays.copyOfRange(payload, payload.length - mic, payload.length)));
        boolean legacySecured = f.securityEnabled() && h == null;
        e.put("wpan.sec_frame_counter", legacySecured ? String.valueOf(littleEndian(payload, 4)) : "");
        e.put("wpan.sec_key_sequence_counter", legacySecured ? String.valueOf(payload[4] & 0xff) : "");
    }

    private static void expectBeacon(Map<String, String> e, BeaconFields b) {
        e.put("wpan.beacon_order", b == null ? "" : String.valueOf(b.superframe().beaconOrder()));
        e.put("wpan.superframe_order", b == null ? "" : String.valueOf(b.superframe().superframeOrder()));
        e.put("wpan.cap", b == null ? "" : String.valueOf(b.superframe().finalCapSlot()));
        e.put("wpan.bcn_coord", b == null ? "" : bool(b.superframe().panCoordinator()));
        e.put("wpan.assoc_permit", b == null ? "" : bool(b.superframe().associationPermit()));
        e.put("wpan.gts.count", b == null ? "" : String.valueOf(b.gts().size()));
        e.put("wpan.gts.address", b == null ? "" : b.gts().stream().map(GtsDescriptor::deviceShortAddress)
                .map(String::valueOf).collect(Collectors.joining(",")));
        e.put("wpan.pending16", b == null ? "" : b.pendingShort().stream().map(ShortAddress::value)
                .map(String::valueOf).collect(Collectors.joining(",")));
        e.put("wpan.pending64", b == null ? "" : b.pendingExtended().stream().map(ExtendedAddress::toString)
                .collect(Collectors.joining(",")));
    }

    private static void expectIes(Map<String, String> e, MacFrame f) {
        List<HeaderIe> h = f.headerIes();
        e.put("wpan.header_ie.id", join(h.stream().map(HeaderIe::elementId).toList()));
        e.put("wpan.header_ie.length", join(h.stream().map(HeaderIe::contentLength).toList()));
        List<HeaderIe> tc = h.stream().filter(ie -> ie.elementId() == HeaderIe.ID_TIME_CORRECTION).toList();
        e.put("wpan.header_ie.time_correction.value", join(tc.stream().map(HeaderIe::timeCorrectionMicros).toList()));
        e.put("wpan.nack", join(tc.stream().map(ie -> ie.timeCorrectionNack() ? 1 : 0).toList()));
        e.put("wpan.header_ie.vendor_specific.vendor_oui", join(h.stream()
                .filter(ie -> ie.elementId() == HeaderIe.ID_VENDOR_SPECIFIC).map(ie -> oui(ie.content())).toList()));
        List<PayloadIe> p = f.payloadIes();
        e.put("wpan.payload_ie.id", join(p.stream().map(PayloadIe::groupId).toList()));
        e.put("wpan.payload_ie.length", join(p.stream().map(PayloadIe::contentLength).toList()));
        e.put("wpan.payload_ie.vendor.oui", join(p.stream()
                .filter(ie -> ie.groupId() == PayloadIe.GROUP_VENDOR_SPECIFIC).map(ie -> oui(ie.content())).toList()));
        List<MlmeSubIe> subs = p.stream().filter(ie -> ie.groupId() == PayloadIe.GROUP_MLME)
                .flatMap(ie -> ie.mlmeSubIes().stream()).toList();
        e.put("wpan.mlme.ie.id", join(subs.stream().map(MlmeSubIe::subId).toList()));
        e.put("wpan.tsch.asn", join(subs.stream().filter(s -> s.subId() == MlmeSubIe.SUB_ID_TSCH_SYNCHRONIZATION)
                .map(s -> littleEndian(s.content(), 5)).toList()));
    }

    /** What tshark shows as undissected data: vendor payload IE content, then the MAC payload (minus security). */
    private static String expectedData(MacFrame f) {
        List<String> data = new ArrayList<>();
        for (PayloadIe ie : f.payloadIes()) {
            if (ie.groupId() == PayloadIe.GROUP_VENDOR_SPECIFIC && ie.contentLength() > 3) {
                data.add(hex(Arrays.copyOfRange(ie.content(), 3, ie.contentLength())));
            }
        }
        byte[] payload = f.payload();
        int from = 0;
        int to = payload.length;
        if (f.securityEnabled()) {
            AuxiliarySecurityHeader h = f.security().orElse(null);
            from = h == null ? 5 : 0;
            to -= h == null ? 8 : h.level().micLength();
        }
        if (to > from) {
            data.add(hex(Arrays.copyOfRange(payload, from, to)));
        }
        return String.join(",", data);
    }

    // ---- canonical forms ----

    /** tshark's text for one field, as the canonical string used in {@link #expectedFields}. */
    private static String canonical(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String v : split(raw)) {
            out.add(canonicalValue(field, v));
        }
        return field.equals("_ws.expert.message") ? String.join(",", new TreeSet<>(out)) : String.join(",", out);
    }

    private static final Set<String> TEXT_FIELDS = Set.of("data.data", "wpan.mic", "wpan.dst64", "wpan.src64",
            "wpan.pending64", "_ws.expert.message");

    private static String canonicalValue(String field, String v) {
        if (TEXT_FIELDS.contains(field)) {
            return v;
        }
        if (v.equals("True")) {
            return "1";
        }
        if (v.equals("False")) {
            return "0";
        }
        if (field.equals("wpan-tap.rss") || field.equals("wpan-tap.ch_freq")) {
            return String.valueOf(Double.parseDouble(v));
        }
        if (v.startsWith("0x")) {
            return Long.toUnsignedString(Long.parseUnsignedLong(v.substring(2), 16));
        }
        return v.matches("-?\\d+") ? String.valueOf(Long.parseLong(v)) : v;
    }

    private static List<String> split(String raw) {
        return raw == null || raw.isEmpty() ? List.of()
                : Arrays.asList(raw.split(java.util.regex.Pattern.quote(String.valueOf(Tshark.AGGREGATOR)), -1));
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static String join(List<?> values) {
        return values.stream().map(v -> v instanceof Long l ? Long.toUnsignedString(l) : String.valueOf(v))
                .collect(Collectors.joining(","));
    }

    private static String shortAddress(MacAddress a) {
        return a instanceof ShortAddress s ? String.valueOf(s.value()) : "";
    }

    private static int oui(byte[] content) {
        return (content[0] & 0xff) | (content[1] & 0xff) << 8 | (content[2] & 0xff) << 16;
    }

    private static long littleEndian(byte[] b, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static long bigEndian(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = v << 8 | (x & 0xff);
        }
        return v;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
