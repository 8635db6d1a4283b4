package org.metermesh.telemetry.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.ControlCommand;
import org.metermesh.telemetry.meter.MeterMessage;
import org.metermesh.telemetry.meter.MeterMessageCodec;
import org.metermesh.telemetry.meter.RegisterRead;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraTopic;
import org.metermesh.telemetry.payload.KuraTopics;
import org.metermesh.telemetry.payload.MetricValue;
import org.metermesh.telemetry.payload.PayloadDecodeResult;
import org.metermesh.telemetry.payload.TopicParseResult;

/**
 * The utility's requests, in Kura's request/response convention: {@code $EDC/{account}/{client-id}/{app-id}/
 * {GET|EXEC}/{resource...}} with the metrics {@code request.id} and {@code requester.client.id}, answered on
 * {@code $EDC/{account}/{requester}/{app-id}/REPLY/{request.id}} with {@code response.code}. Resources:
 * <ul>
 *   <li>{@code GET meters/{meter}} or {@code GET meters/{meter}/registers}: an on-demand read; the optional string
 *       metric {@code registers} lists OBIS codes separated by commas (at most {@value RegisterRead#MAX_REGISTERS}),
 *       otherwise {@link TelemetrySettings#defaultReadRegisters()};</li>
 *   <li>{@code EXEC meters/{meter}/disconnect} and {@code EXEC meters/{meter}/reconnect}: the supply switch
 *       (COSEM Disconnect control, class 70);</li>
 *   <li>{@code GET mesh/status}: the gateway's view of the mesh and its queue.</li>
 * </ul>
 * A request without {@code request.id} or {@code requester.client.id} cannot be answered: it is counted and
 * reported. Everything else gets a reply: 400 for a malformed payload, topic or register list, 404 for an unknown
 * resource or a meter without a route, 500 when the meter does not answer.
 */
final class RequestHandler {

    /** What requests need from the rest of the gateway. */
    interface Gateway {
        /** The meter's mesh address if the gateway can route to it now. */
        Optional<Ipv6Address> routableAddress(MeterId meter);

        void reply(String orderKey, KuraTopic.Reply topic, KuraPayload payload);

        void status(KuraPayload.Builder b);

        void unanswerable(String topic, String why);
    }

    static final String REQUEST_ID = "request.id";
    static final String REQUESTER = "requester.client.id";
    static final String REGISTERS = "registers";

    private final Scheduler loop;
    private final TelemetrySettings settings;
    private final MeterClient meters;
    private final Gateway gateway;
    private final Counters counters;
    private int nextInvokeId;

    RequestHandler(Scheduler loop, TelemetrySettings settings, MeterClient meters, Gateway gateway,
            Counters counters) {
        this.loop = loop;
        this.settings = settings;
        this.meters = meters;
        this.gateway = gateway;
        this.counters = counters;
    }

    /** One message on a request topic. Runs on the loop. */
    void handle(String topic, byte[] payload) {
        counters.increment("requests");
        PayloadDecodeResult decoded = settings.encoding().decode(payload);
        if (decoded instanceof PayloadDecodeResult.Rejected rejected) {
            // Without a payload there is no request.id to answer on.
            unanswerable(topic, "payload is not a Kura payload (" + rejected.reason() + "): " + rejected.detail());
            return;
        }
        KuraPayload request = ((PayloadDecodeResult.Decoded) decoded).payload();
        Optional<String> requestId = string(request, REQUEST_ID);
        Optional<String> requester = string(request, REQUESTER);
        if (requestId.isEmpty() || requester.isEmpty()) {
            unanswerable(topic, "no " + (requestId.isEmpty() ? REQUEST_ID : REQUESTER) + " string metric");
            return;
        }
        KuraTopic.Reply replyTopic;
        try {
            replyTopic = KuraTopics.reply(settings.account(), requester.get(), settings.appId(), requestId.get());
        } catch (IllegalArgumentException e) {
            unanswerable(topic, "cannot reply: " + e.getMessage());
            return;
        }
        Responder responder = new Responder(replyTopic);
        TopicParseResult parsed = KuraTopics.parse(topic);
        if (!(parsed instanceof TopicParseResult.Parsed p) || !(p.topic() instanceof KuraTopic.Request r)
                || !r.account().equals(settings.account()) || !r.clientId().equals(settings.clientId())
                || !r.appId().equals(settings.appId())) {
            responder.fail(Reply.BAD_REQUEST, "not a request topic of " + settings.account() + "/"
                    + settings.clientId() + "/" + settings.appId() + ": " + topic
                    + (parsed instanceof TopicParseResult.Rejected rej ? " (" + rej.detail() + ")" : ""));
            return;
        }
        route(r, request, responder);
    }

    private void route(KuraTopic.Request r, KuraPayload request, Responder responder) {
        List<String> res = r.resource();
        String method = r.method().name();
        if (res.size() == 2 && res.get(0).equals("mesh") && res.get(1).equals("status") && method.equals("GET")) {
            responder.ok("meter", gateway::status);
            return;
        }
        if (res.isEmpty() || !res.get(0).equals("meters") || res.size() < 2 || res.size() > 3) {
            responder.fail(Reply.NOT_FOUND, "no resource " + method + " " + String.join("/", res)
                    + "; known: GET meters/{meter}[/registers], EXEC meters/{meter}/disconnect|reconnect, "
                    + "GET mesh/status");
            return;
        }
        MeterId meter;
        try {
            meter = MeterId.parse(res.get(1));
        } catch (IllegalArgumentException e) {
            responder.fail(Reply.BAD_REQUEST, e.getMessage());
            return;
        }
        responder.orderKey = meter.toString();
        String action = res.size() == 3 ? res.get(2) : "registers";
        if (method.equals("GET") && action.equals("registers")) {
            read(meter, request, responder);
        } else if (method.equals("EXEC") && (action.equals("disconnect") || action.equals("reconnect"))) {
            control(meter, action.equals("disconnect") ? ControlCommand.REMOTE_DISCONNECT
                    : ControlCommand.REMOTE_RECONNECT, responder);
        } else {
            responder.fail(Reply.NOT_FOUND, "no resource " + method + " " + String.join("/", res));
        }
    }

    private void read(MeterId meter, KuraPayload request, Responder responder) {
        List<ObisCode> registers;
        try {
            registers = registers(request);
        } catch (IllegalArgumentException e) {
            responder.fail(Reply.BAD_REQUEST, e.getMessage());
            return;
        }
        Optional<Ipv6Address> address = routable(meter, responder);
        if (address.isEmpty()) {
            return;
        }
        RegisterRead read = new RegisterRead(registers, nextInvokeIds(2 * registers.size()));
        readNext(meter, address.get(), read, read.requests(), 0, responder);
    }

    /**
     * One request after the other (NSTART 1 would queue them anyway): after a meter failed to answer one, the
     * rest are marked unanswered at once instead of each waiting out its own retransmissions.
     */
    private void readNext(MeterId meter, Ipv6Address address, RegisterRead read, List<Apdu.GetRequestNormal> all,
            int index, Responder responder) {
        if (index == all.size()) {
            MeterMessage.ReadResult result = read.result();
            if (result.registers().isEmpty()) {
                responder.fail(Reply.INTERNAL_ERROR, "meter " + meter + " read no register: " + failures(result));
            } else {
                responder.ok(meter.toString(), b -> MeterPayloads.readResult(b, result));
            }
            return;
        }
        Apdu.GetRequestNormal apdu = all.get(index);
        meters.send(address, apdu).whenComplete((octets, failure) -> {
            if (failure == null) {
                read.onResponse(apdu, octets);
                readNext(meter, address, read, all, index + 1, responder);
                return;
            }
            String why = describe(failure);
            for (Apdu.GetRequestNormal unanswered : all.subList(index, all.size())) {
                read.onNoAnswer(unanswered, why);
            }
            readNext(meter, address, read, all, all.size(), responder);
        });
    }

    private void control(MeterId meter, ControlCommand command, Responder responder) {
        Optional<Ipv6Address> address = routable(meter, responder);
        if (address.isEmpty()) {
            return;
        }
        InvokeIdAndPriority id = InvokeIdAndPriority.confirmed(nextInvokeIds(1));
        meters.send(address.get(), MeterMessageCodec.control(command, id)).whenComplete((octets, failure) -> {
            MeterMessage.ControlResult result = failure != null
                    ? MeterMessage.ControlResult.noAnswer(command, describe(failure))
                    : MeterMessageCodec.DEFAULT.controlResult(command, id, octets);
            if (result.succeeded()) {
                responder.ok(meter.toString(), b -> b.metric("command", command.name().toLowerCase(Locale.ROOT)));
            } else {
                responder.fail(Reply.INTERNAL_ERROR, "meter " + meter + " " + command.name().toLowerCase(Locale.ROOT)
                        + " failed: " + result.error().map(Enum::name).orElse("") + " " + result.detail());
            }
        });
    }

    private Optional<Ipv6Address> routable(MeterId meter, Responder responder) {
        Optional<Ipv6Address> address = gateway.routableAddress(meter);
        if (address.isEmpty()) {
            responder.fail(Reply.NOT_FOUND, "unknown meter " + meter + ": the gateway has no route to it");
        }
        return address;
    }

    private List<ObisCode> registers(KuraPayload request) {
        Optional<MetricValue> metric = request.metric(REGISTERS);
        if (metric.isEmpty()) {
            return settings.defaultReadRegisters();
        }
        if (!(metric.get() instanceof MetricValue.OfString list)) {
            throw new IllegalArgumentException("metric " + REGISTERS + " must be a string of OBIS codes");
        }
        List<ObisCode> codes = new ArrayList<>();
        for (String code : list.value().split(",")) {
            if (!code.isBlank()) {
                codes.add(ObisCode.parse(code.trim()));
            }
        }
        if (codes.isEmpty() || codes.size() > RegisterRead.MAX_REGISTERS || codes.stream().distinct().count()
                != codes.size()) {
            throw new IllegalArgumentException(REGISTERS + " must list 1 to " + RegisterRead.MAX_REGISTERS
                    + " distinct OBIS codes, not '" + list.value() + "'");
        }
        return codes;
    }

    private int nextInvokeIds(int count) {
        int first = nextInvokeId;
        nextInvokeId = (nextInvokeId + count) & 0x0F;
        return first;
    }

    private void unanswerable(String topic, String why) {
        counters.increment("requests:unanswerable");
        gateway.unanswerable(topic, why);
    }

    private static Optional<String> string(KuraPayload payload, String name) {
        return payload.metric(name).filter(MetricValue.OfString.class::isInstance)
                .map(v -> ((MetricValue.OfString) v).value());
    }

    private static String failures(MeterMessage.ReadResult result) {
        return result.outcomes().stream().filter(MeterMessage.RegisterOutcome.Failed.class::isInstance)
                .map(o -> (MeterMessage.RegisterOutcome.Failed) o)
                .map(f -> f.obis() + " " + f.error() + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")"))
                .distinct().reduce((a, b) -> a + "; " + b).orElse("");
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
    }

    /** The one reply of one request. */
    private final class Responder {
        private final KuraTopic.Reply topic;
        private String orderKey = "gateway";

        Responder(KuraTopic.Reply topic) {
            this.topic = topic;
        }

        void ok(String key, Consumer<KuraPayload.Builder> body) {
            counters.increment("replies:200");
            gateway.reply(key, topic, Reply.OK.payload(loop.now(), "", body));
        }

        void fail(Reply reply, String message) {
            counters.increment("replies:" + reply.code());
            gateway.reply(orderKey, topic, reply.payload(loop.now(), message, b -> { }));
        }
    }
}
