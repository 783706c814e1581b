package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing switched on with the standard {@code OTEL_*} variables, on a server of its own (the server under test runs
 * with the SDK off, the default) that exports to an OTLP receiver on loopback. One delivery that needs the Stripe
 * API is one trace: the HTTP request, the inbox commit it waited for, the consumer's span on the other side of the
 * queue, and the API call, each the child of the one before; and the event's log lines carry the trace's ids.
 */
class TracingIT {

    private static final String CORPUS_INVOICE = "in_1L91RT2eC3uLkQFz7HU5Jp56";
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> INVOICES = new java.util.concurrent.ConcurrentHashMap<>();
    private static HttpServer collector;
    private static HttpServer stripe;
    private static ServerProcess traced;

    @BeforeAll
    static void startCollectorStripeAndServer() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            export.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> SPANS.addAll(scope.getSpansList())));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        collector.start();
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stripe.createContext("/v1/invoices/", exchange -> {
            String invoice = INVOICES.get(exchange.getRequestURI().getPath().substring("/v1/invoices/".length()));
            byte[] body = (invoice != null ? invoice : "{\"error\":{\"type\":\"invalid_request_error\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(invoice != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stripe.start();
        traced = ServerProcess.besideUnderTest("billhook-traced", URI.create("http://localhost:9192"), Map.ofEntries(
                Map.entry("BILLHOOK_HTTP_PORT", "9192"), Map.entry("BILLHOOK_HTTPS_PORT", "9554"),
                Map.entry("BILLHOOK_JMS_PORT", "7397"), Map.entry("BILLHOOK_JMS_SSL_PORT", "7407"),
                Map.entry("STRIPE_API_BASE", "http://127.0.0.1:" + stripe.getAddress().getPort()),
                Map.entry("OTEL_SDK_DISABLED", "false"),
                Map.entry("OTEL_SERVICE_NAME", "billhook"),
                Map.entry("OTEL_TRACES_EXPORTER", "otlp"),
                Map.entry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort()),
                Map.entry("OTEL_BSP_SCHEDULE_DELAY", "200"),
                Map.entry("OTEL_METRICS_EXPORTER", "none"),
                Map.entry("OTEL_LOGS_EXPORTER", "none")));
        traced.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (traced != null) {
            traced.killIfRunning();
        }
        if (collector != null) {
            collector.stop(0);
        }
        if (stripe != null) {
            stripe.stop(0);
        }
    }

    @Test
    void oneDeliveryIsOneTraceFromTheRequestAcrossTheQueueToTheStripeCall() throws Exception {
        // the corpus's customer links company 17, which the invoice belongs to (a trace of its own)
        String customer = freshEventId();
        assertEquals(200, postStripe(traced.base(), withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")),
                customer)).statusCode());
        await("the customer linked", () -> Billhook.finished(customer));
        String invoice = "in_tr" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        INVOICES.put(invoice, paidInvoice(invoice));
        String eventId = freshEventId();
        String payment = new String(read(Billhook.EVENTS.resolve("invoice_payment.paid.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_INVOICE, invoice).replace("inpay_10pl9p2eC3uLkQFzSc1xTv2l", "inpay_" + invoice.substring(3));
        HttpResponse<String> answer = postStripe(traced.base(), withFreshId(payment.getBytes(StandardCharsets.UTF_8), eventId));
        assertEquals(200, answer.statusCode(), answer.body());
        long rowId = json(answer).getJsonNumber("id").longValue();
        await("the invoice payment applied", () -> "PROCESSED".equals(status(eventId)));

        await("the inbox span of the delivery", () -> inboxSpanOf(rowId).isPresent());
        Span inbox = inboxSpanOf(rowId).orElseThrow();
        String trace = hex(inbox.getTraceId().toByteArray());
        // a span is exported when it ends: the consumer's, which outlasts the others, last
        await("the consumer's span", () -> trace(trace).stream().anyMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER));
        List<Span> spans = trace(trace);

        Span request = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
        Span consumer = only(spans, Span.SpanKind.SPAN_KIND_CONSUMER);
        Span call = only(spans, Span.SpanKind.SPAN_KIND_CLIENT);
        assertTrue(request.getName().contains("/webhooks/stripe"), request.getName());
        assertEquals(request.getSpanId(), inbox.getParentSpanId(), "the inbox commit inside the request");
        assertEquals(inbox.getSpanId(), consumer.getParentSpanId(), "the consumer continues the stored delivery");
        assertEquals(consumer.getSpanId(), call.getParentSpanId(), "the Stripe call inside the consumer's span");
        assertEquals("WebhookEvents process", consumer.getName());
        assertEquals(rowId, attribute(consumer, "billhook.webhook_event.id").getIntValue());
        assertEquals("Stripe GET /v1/invoices/{id}", call.getName());
        assertEquals(200, attribute(call, "http.response.status_code").getIntValue());
        assertEquals(4, spans.size(), "request, inbox, consumer and Stripe call: " + spans.stream().map(Span::getName).toList());

        String consumerSpan = hex(consumer.getSpanId().toByteArray());
        List<JsonObject> lines = logLinesOf(rowId);
        assertTrue(lines.stream().anyMatch(l -> l.getString("message", "").startsWith("PROCESSED")), lines.toString());
        for (JsonObject line : lines) {
            assertEquals(trace, line.getString("ext_trace_id", null), "the trace id on " + line);
            assertEquals(consumerSpan, line.getString("ext_span_id", null), "the consumer's span id on " + line);
        }
    }

    private static Optional<Span> inboxSpanOf(long rowId) {
        return SPANS.stream().filter(s -> s.getName().equals("billhook inbox store"))
                .filter(s -> s.getAttributesList().stream().anyMatch(a -> a.getKey().equals("billhook.webhook_event.id")
                        && a.getValue().getIntValue() == rowId))
                .findFirst();
    }

    private static List<Span> trace(String traceId) {
        return SPANS.stream().filter(s -> hex(s.getTraceId().toByteArray()).equals(traceId)).toList();
    }

    private static Span only(List<Span> spans, Span.SpanKind kind) {
        List<Span> ofKind = spans.stream().filter(s -> s.getKind() == kind).toList();
        assertEquals(1, ofKind.size(), kind + ": " + ofKind.stream().map(Span::getName).toList());
        return ofKind.get(0);
    }

    private static io.opentelemetry.proto.common.v1.AnyValue attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(span.getName() + " has no " + key));
    }

    /** The JSON lines of messages.log about one event (its {@code ext_webhook_event_id}). */
    private static List<JsonObject> logLinesOf(long rowId) throws IOException {
        Path log = traced.directory().resolve("logs/messages.log");
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("{"))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(line -> Long.toString(rowId).equals(line.getString("ext_webhook_event_id", null)))
                .toList();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The corpus's paid invoice (customer cus_i9PZ4egX3JwKQY, company 17) under another id, as the API returns it. */
    private static String paidInvoice(String invoice) {
        JsonObject event = Json.createReader(new StringReader(new String(read(Billhook.EVENTS.resolve("invoice.paid.json")),
                StandardCharsets.UTF_8))).readObject();
        return event.getJsonObject("data").getJsonObject("object").toString().replace(CORPUS_INVOICE, invoice);
    }
}
