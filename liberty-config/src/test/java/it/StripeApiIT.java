package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stripe API, as a stub on loopback: an invoice payment for an invoice this server has not seen makes
 * it fetch the invoice; while the API fails, the circuit opens (an alert, a metric, the event retried
 * later), and once the API is back the event is applied.
 */
class StripeApiIT {

    private static final String CORPUS_INVOICE = "in_1L91RT2eC3uLkQFz7HU5Jp56";
    private static final Map<String, String> INVOICES = new ConcurrentHashMap<>();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final List<JsonObject> ALERTS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean FAILING = new AtomicBoolean();
    /** While set, the stub answers nothing until it is counted down: a Stripe API that hangs. */
    private static volatile java.util.concurrent.CountDownLatch hanging;
    private static HttpServer stripe;
    private static HttpServer alerts;

    @BeforeAll
    static void startStubs() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getProperty("billhook.stripe.port", "9398"))), 0);
        stripe.createContext("/v1/invoices/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/v1/invoices/".length());
            REQUESTS.add(exchange.getRequestMethod() + " " + id + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String invoice = INVOICES.get(id);
            java.util.concurrent.CountDownLatch hang = hanging;
            if (hang != null) {
                try {
                    hang.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = FAILING.get() ? 500 : invoice == null ? 404 : 200;
            byte[] body = (status == 200 ? invoice : "{\"error\":{\"type\":\"" + (status == 404 ? "invalid_request_error"
                    : "api_error") + "\",\"message\":\"stub answers " + status + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stripe.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stripe.start();
        alerts = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getProperty("billhook.alert.port", "9399"))), 0);
        alerts.createContext("/alerts", exchange -> {
            ALERTS.add(Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8))).readObject());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alerts.start();
        byte[] customer = withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("the corpus customer linked", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
    }

    @AfterAll
    static void stopStubs() {
        stripe.stop(0);
        alerts.stop(0);
    }

    /**
     * A hanging Stripe API holds no more consumers than the Stripe calls' bulkhead (4 of 8) and no transaction at
     * all: Retell events posted meanwhile are processed while the API still hangs, and the Stripe events are applied
     * once it answers.
     */
    @Test
    void aHangingStripeApiDoesNotStarveTheOtherLanes() {
        List<String> invoices = new ArrayList<>();
        List<String> payments = new ArrayList<>();
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        hanging = hang;
        try {
            for (int i = 0; i < 8; i++) {
                String invoice = "in_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
                INVOICES.put(invoice, paidInvoice(invoice));
                invoices.add(invoice);
                payments.add(postInvoicePaymentFor(invoice));
            }
            await("the Stripe calls hang", () -> REQUESTS.stream().filter(r -> invoices.stream().anyMatch(r::contains)).count()
                    >= 4, 10);
            // the calls are made between transactions: no attempt holds a transaction (a row lock, a connection)
            // while it waits for the API
            sleep(2_500);
            assertEquals(0, Billhook.count("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                       AND state LIKE 'idle in transaction%' AND xact_start < now() - interval '2 seconds'"""),
                    "transactions open while the Stripe API hangs");
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String callId = "call_lane_" + UUID.randomUUID();
                calls.add(callId + ":call_ended");
                assertEquals(200, Billhook.postRetell(ProviderWebhooksIT.retellEvent("call_ended", callId, "inbound", "", "", 1_000))
                        .statusCode());
            }
            await("the Retell events processed while the Stripe API still hangs", () -> calls.stream()
                    .allMatch(id -> "IGNORED".equals(Billhook.statusOf("retell", id))), 4);
        } finally {
            hanging = null;
            hang.countDown();
        }
        for (String payment : payments) {
            await("the invoice payment applied once the API answers", () -> "PROCESSED".equals(status(payment)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInvoicePaymentForAnUnseenInvoiceFetchesTheInvoice() {
        String invoice = "in_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        INVOICES.put(invoice, paidInvoice(invoice));
        String eventId = postInvoicePaymentFor(invoice);

        await("the invoice payment applied", () -> "PROCESSED".equals(status(eventId)));
        assertEquals("PAID 17 19900", Billhook.queryString(
                "SELECT status || ' ' || company_id || ' ' || amount_paid FROM invoice WHERE stripe_invoice_id = ?", invoice));
        assertEquals(List.of("GET " + invoice + " Bearer sk_test_billhook_system_tests"),
                REQUESTS.stream().filter(r -> r.contains(invoice)).toList());
        assertEquals("pi_3Iwouy2eC3uLkQFzM6BoDUyE", Billhook.queryString(
                "SELECT related_id FROM stripe_record WHERE parent_id = ? AND object_type = 'invoice_payment'", invoice));
    }

    @Test
    void theCircuitOpensWhileTheApiFailsAndTheEventIsAppliedOnceItRecovers() {
        String invoice = "in_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        INVOICES.put(invoice, paidInvoice(invoice));
        FAILING.set(true);
        String eventId;
        try {
            eventId = postInvoicePaymentFor(invoice);
            await("the circuit-open alert", () -> ALERTS.stream().anyMatch(a -> "circuit-open".equals(a.getString("condition", null))));
            String metrics = Billhook.get("/metrics").body();
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("ft_circuitbreaker_opened_total")
                            && line.contains("StripeCalls.invoice") && !line.endsWith(" 0.0")),
                    "the opened circuit shows in /metrics");
            assertTrue(List.of("RETRYING", "FAILED").contains(status(eventId)), status(eventId));
        } finally {
            FAILING.set(false);
        }
        String applied = eventId;
        await("the event applied once the API is back", () -> "PROCESSED".equals(status(applied)));
        assertEquals("PAID", Billhook.queryString("SELECT status FROM invoice WHERE stripe_invoice_id = ?", invoice));
        assertTrue(Billhook.count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ? AND a.error_class LIKE '%CircuitBreakerOpenException'""", eventId) >= 1,
                "an attempt failed on the open circuit");
    }

    /** The corpus's paid invoice (customer cus_i9PZ4egX3JwKQY, company 17) under another id, as the API returns it. */
    private static String paidInvoice(String invoice) {
        JsonObject event = Json.createReader(new StringReader(new String(read(Billhook.EVENTS.resolve("invoice.paid.json")),
                StandardCharsets.UTF_8))).readObject();
        return event.getJsonObject("data").getJsonObject("object").toString().replace(CORPUS_INVOICE, invoice);
    }

    private static String postInvoicePaymentFor(String invoice) {
        String eventId = freshEventId();
        String payment = new String(read(Billhook.EVENTS.resolve("invoice_payment.paid.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_INVOICE, invoice).replace("inpay_10pl9p2eC3uLkQFzSc1xTv2l", "inpay_" + invoice.substring(3));
        assertEquals(200, postStripe(withFreshId(payment.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        return eventId;
    }
}
