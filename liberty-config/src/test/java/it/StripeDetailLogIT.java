package it;

import static it.Billhook.await;
import static it.Billhook.finished;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.signature;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * messages.log is JSON: the detail line of an invoice, charge or subscription event carries its fields
 * as extension fields, and every line about the event carries its correlation id.
 */
class StripeDetailLogIT {

    private static final Path MESSAGES = Path.of(System.getProperty("billhook.server.dir", "target/liberty/wlp/usr/servers/billhook"),
            "logs", "messages.log");

    @Test
    void anInvoiceEventWritesItsDetailLine() {
        JsonObject line = detailLineOf("invoice.paid.json");
        assertEquals("in_1L91RT2eC3uLkQFz7HU5Jp56", line.getString("ext_invoice_id"));
        assertEquals("cus_i9PZ4egX3JwKQY", line.getString("ext_customer_id"));
        assertEquals("sub_1gQFL22eC3uLkQFzhGzv7FFZ", line.getString("ext_subscription_id"));
        assertEquals("199.00", line.getString("ext_amount_due"));
        assertEquals("USD", line.getString("ext_currency"));
        assertEquals("paid", line.getString("ext_status"));
        assertEquals("subscription_cycle", line.getString("ext_billing_reason"));
        assertEquals("invoice.paid", line.getString("ext_event_type"));
    }

    @Test
    void aChargeEventAddsChargeAmountAndFailureCode() {
        JsonObject line = detailLineOf("charge.failed.json");
        assertEquals("ch_3Iwouy2eC3uLkQFzM6BoDUyE", line.getString("ext_charge_id"));
        assertEquals("199.00", line.getString("ext_amount"));
        assertEquals("card_declined", line.getString("ext_failure_code"));
    }

    @Test
    void aSubscriptionEventShowsStatusAndCurrentPeriod() {
        JsonObject line = detailLineOf("customer.subscription.updated.json");
        assertEquals("active", line.getString("ext_status"));
        assertEquals("2026-09-10T14:01:00Z", line.getString("ext_current_period_start"));
        assertEquals("2026-10-10T14:01:00Z", line.getString("ext_current_period_end"));
    }

    @Test
    void anotherApiVersionIsAppliedInFullAndItsDriftLoggedOnce() {
        String version = "2025-09-30.clover";
        for (int i = 0; i < 2; i++) {
            String eventId = freshEventId();
            byte[] event = withFreshId(new String(read(Billhook.EVENTS.resolve("price.created.json")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("2026-07-29.dahlia", version).getBytes(java.nio.charset.StandardCharsets.UTF_8), eventId);
            assertEquals(200, postStripe(event).statusCode());
            await("applied", () -> "PROCESSED".equals(Billhook.status(eventId)));
        }
        assertEquals(1, messages().stream().filter(line -> line.contains("API version " + version)).count());
    }

    @Test
    void aFieldItsHandlerReadsThatAnEventLacksIsLoggedOncePerVersionAndCounted() {
        // a version of its own, so that the line is this test's whatever ran on the server before
        String version = "2099-01-01.it" + UUID.randomUUID().toString().substring(0, 8);
        byte[] customer = Billhook.withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), Billhook.freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("the corpus customer linked", () -> "PROCESSED".equals(Billhook.status(Billhook.eventId(customer))));
        String[] labels = {"type=\"invoice.paid\"", "field=\"billing_reason\""};
        double before = Billhook.metric("billhook_stripe_fields_missing_total", labels);
        List<String> ids = List.of(freshEventId(), freshEventId());
        for (String eventId : ids) {
            String reshaped = new String(read(Billhook.EVENTS.resolve("invoice.paid.json")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("2026-07-29.dahlia", version).replace("\"billing_reason\": \"subscription_cycle\",", "");
            assertTrue(!reshaped.contains("billing_reason"), "the corpus invoice names its billing reason once");
            byte[] event = withFreshId(reshaped.getBytes(java.nio.charset.StandardCharsets.UTF_8), eventId);
            assertEquals(200, postStripe(event).statusCode());
            await("applied", () -> "PROCESSED".equals(Billhook.status(eventId)));
        }
        List<String> lines = messages().stream()
                .filter(line -> line.contains("invoice.paid events of API version " + version + " come without data.object.billing_reason"))
                .toList();
        assertEquals(1, lines.size(), "logged once: " + lines);
        assertTrue(lines.get(0).contains("WARNING"), lines.get(0));
        assertEquals(before + 2, Billhook.metric("billhook_stripe_fields_missing_total", labels), "each event counted");
        assertEquals(0, messages().stream().filter(line -> line.contains("API version " + version)
                && line.contains("data.object.") && !line.contains("data.object.billing_reason")).count(),
                "only the field taken out is missing");

        // during a cut-over the endpoint on the other version delivers the same event id rendered its way: one row
        HttpResponse<String> otherVersion = postStripe(withFreshId(read(Billhook.EVENTS.resolve("invoice.paid.json")), ids.get(0)));
        assertEquals(200, otherVersion.statusCode());
        assertTrue(otherVersion.body().contains("\"duplicate\":true"), otherVersion.body());
        assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", ids.get(0)));
    }



    /** Posts the corpus event under a new id and correlation id, and finds the detail line written for it. */
    private static JsonObject detailLineOf(String file) {
        // the corpus customer, under an event id of its own, links cus_i9PZ4egX3JwKQY to company 17
        byte[] customer = Billhook.withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), Billhook.freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("the corpus customer linked", () -> "PROCESSED".equals(Billhook.status(Billhook.eventId(customer))));
        String eventId = freshEventId();
        String correlationId = "it-detail-" + UUID.randomUUID();
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve(file)), eventId);
        HttpResponse<String> response = postStripe(event, signature(event), "application/json",
                Map.of("X-Correlation-ID", correlationId));
        assertEquals(200, response.statusCode(), response.body());
        await("processed", () -> finished(eventId));
        await("detail line in messages.log", () -> detailLine(eventId).isPresent());
        JsonObject line = detailLine(eventId).orElseThrow();
        assertEquals(correlationId, line.getString("ext_correlation_id"));
        assertEquals(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", eventId),
                line.getString("ext_webhook_event_id"));
        return line;
    }

    private static Optional<JsonObject> detailLine(String stripeEventId) {
        return messages().stream()
                .filter(line -> line.startsWith("{") && line.contains(stripeEventId))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(line -> stripeEventId.equals(line.getString("ext_stripe_event_id", null)))
                .findFirst();
    }

    private static List<String> messages() {
        try {
            return Files.readAllLines(MESSAGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
