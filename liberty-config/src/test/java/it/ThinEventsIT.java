package it;

import static it.Billhook.count;
import static it.Billhook.queryString;
import static it.Billhook.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thin events of a Stripe event destination, on their own path and secret: a meter error report fetched from the v2
 * Events API marks the call usage it names unbillable; thin invoice and subscription events fetch their related
 * object and mirror it; a repeat is one row; the snapshot secret does not open the thin path.
 */
class ThinEventsIT {

    static final String THIN_SECRET = System.getProperty("billhook.stripe.thin.secret", "whsec_thin_system_test_secret");

    /** What the stub answers, by request path. */
    private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    private static HttpServer stripe;

    @BeforeAll
    static void startStripe() throws IOException {
        stripe = ApiStub.start(Map.of("/", ThinEventsIT::answer));
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop(0);
    }

    @Test
    void aMeterErrorReportMarksTheUsageItNamesUnbillable() {
        long company = 500_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        Billhook.execute("INSERT INTO company (id, name) VALUES (?, 'Meter GmbH')", company);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long rejected = usage(company, "call_meter_rejected_" + run);
        long fine = usage(company, "call_meter_fine_" + run);
        String eventId = "evt_test_meter" + run;
        ANSWERS.put("/v2/core/events/" + eventId, """
                {"id":"%s","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered",
                 "created":"2026-12-04T10:00:00.000Z","livemode":false,
                 "data":{"developer_message_summary":"There is 1 invalid event","validation_start":"2026-12-04T09:00:00.000Z",
                  "validation_end":"2026-12-04T10:00:00.000Z",
                  "reason":{"error_count":1,"error_types":[{"code":"meter_event_customer_not_found","error_count":1,
                   "sample_errors":[{"error_message":"Customer cus_gone not found",
                    "request":{"identifier":"billhook-call-usage-%d","idempotency_key":"billhook-call-usage-%d"}}]}]}},
                 "related_object":{"id":"mtr_test_1","type":"billing.meter","url":"/v1/billing/meters/mtr_test_1"}}"""
                .formatted(eventId, rejected, rejected));
        byte[] thin = thinEvent(eventId, "v1.billing.meter.error_report_triggered", "billing.meter", "mtr_test_1");
        String unbillable = "condition=\"usage-unbillable\"";
        double alertsBefore = Billhook.metric("billhook_alerts_total", unbillable);

        HttpResponse<String> first = postThin(thin, THIN_SECRET);
        assertEquals(200, first.statusCode(), first.body());
        Billhook.await("the report applied", () -> "PROCESSED".equals(statusOf("stripe", eventId)));
        assertEquals("true", queryString("SELECT unbillable::text FROM call_usage WHERE id = ?", rejected));
        assertEquals(null, queryString("SELECT reported_at::text FROM call_usage WHERE id = ?", rejected),
                "Stripe did not bill it after all");
        assertTrue(queryString("SELECT last_report_error FROM call_usage WHERE id = ?", rejected)
                .contains("meter_event_customer_not_found"));
        assertEquals("false", queryString("SELECT unbillable::text FROM call_usage WHERE id = ?", fine), "only what it names");
        Billhook.await("the alert told", () -> Billhook.metric("billhook_alerts_total", unbillable) > alertsBefore);

        HttpResponse<String> again = postThin(thin, THIN_SECRET);
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("\"duplicate\":true"), again.body());
        assertEquals(1, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventId));
    }

    @Test
    void thinInvoiceAndSubscriptionEventsMirrorTheObjectTheyNameAsStripeHasIt() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String customer = "cus_thin" + run;
        String subscription = "sub_thin" + run;
        String invoice = "in_thin" + run;
        long company = 400_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        Billhook.execute("INSERT INTO company (id, name) VALUES (?, 'Thin AG')", company);
        Billhook.execute("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?, ?)", customer, company);
        ANSWERS.put("/v1/invoices/" + invoice, object("invoice.paid.json", customer, subscription, invoice));
        ANSWERS.put("/v1/subscriptions/" + subscription, object("customer.subscription.updated.json", customer, subscription,
                invoice));

        String invoiceEvent = "evt_test_thininv" + run;
        assertEquals(200, postThin(thinEvent(invoiceEvent, "v1.invoice.paid", "invoice", invoice), THIN_SECRET).statusCode());
        String subscriptionEvent = "evt_test_thinsub" + run;
        assertEquals(200, postThin(thinEvent(subscriptionEvent, "v1.customer.subscription.updated", "subscription",
                subscription), THIN_SECRET).statusCode());
        Billhook.await("both applied", () -> "PROCESSED".equals(statusOf("stripe", invoiceEvent))
                && "PROCESSED".equals(statusOf("stripe", subscriptionEvent)));
        assertEquals(company + " PAID 19900", queryString(
                "SELECT company_id || ' ' || status || ' ' || amount_paid FROM invoice WHERE stripe_invoice_id = ?", invoice));
        assertEquals(company + " active", queryString(
                "SELECT company_id || ' ' || status FROM subscription WHERE stripe_subscription_id = ?", subscription));
    }

    @Test
    void theThinPathTakesOnlyThinEventsUnderItsOwnSecret() {
        String eventId = "evt_test_thinbad" + UUID.randomUUID().toString().substring(0, 8);
        byte[] thin = thinEvent(eventId, "v1.invoice.paid", "invoice", "in_x");
        HttpResponse<String> wrongSecret = postThin(thin, Billhook.SECRET);
        assertEquals(400, wrongSecret.statusCode(), wrongSecret.body());
        assertTrue(wrongSecret.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        byte[] snapshot = Billhook.withFreshId(Billhook.read(Billhook.EVENTS.resolve("invoice.paid.json")), Billhook.freshEventId());
        HttpResponse<String> notThin = postThin(snapshot, THIN_SECRET);
        assertEquals(400, notThin.statusCode());
        assertTrue(notThin.body().contains("/webhooks/stripe"), notThin.body());
        HttpResponse<String> thinOnSnapshotPath = Billhook.postStripe(thin);
        assertEquals(400, thinOnSnapshotPath.statusCode());
        assertTrue(thinOnSnapshotPath.body().contains("/webhooks/stripe/thin"), thinOnSnapshotPath.body());
        assertEquals(0, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventId), "nothing stored");
    }

    /** A usage record already reported to Stripe's meter. */
    private static long usage(long company, String callId) {
        return Long.parseLong(queryString("""
                INSERT INTO call_usage (company_id, call_id, billable_seconds, occurred_at, reported_at, stripe_customer_id)
                VALUES (?, ?, 60, now(), now(), 'cus_gone') RETURNING id::text""", company, callId));
    }

    private static byte[] thinEvent(String id, String type, String relatedType, String relatedId) {
        return Json.createObjectBuilder().add("id", id).add("object", "v2.core.event").add("type", type)
                .add("created", Instant.now().toString()).add("livemode", false)
                .add("related_object", Json.createObjectBuilder().add("id", relatedId).add("type", relatedType)
                        .add("url", "/v1/" + relatedType + "s/" + relatedId))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> postThin(byte[] body, String secret) {
        return Billhook.post("/webhooks/stripe/thin", body, Map.of("Content-Type", "application/json",
                "Stripe-Signature", Billhook.signature(body, Instant.now().getEpochSecond(), secret)));
    }

    private static String object(String file, String customer, String subscription, String invoice) {
        String json = Billhook.corpusAbout(file, customer, subscription, invoice);
        JsonObject event = Json.createReader(new StringReader(json)).readObject();
        return event.getJsonObject("data").getJsonObject("object").toString();
    }


    private static void answer(HttpExchange exchange) throws IOException {
        String body = ANSWERS.get(exchange.getRequestURI().getPath());
        byte[] bytes = (body == null ? "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such object\"}}" : body)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
