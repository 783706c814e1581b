package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention with the defaults (payloads 30 days, rows 400 days, attempts 90, duplicates and rejections 30) and
 * personal data masked after 7 days, as the test server is configured; no pass runs on a schedule there, so each
 * is asked for. The rows are written as old as each case needs, with their statistics, as the server writes them.
 */
class RetentionIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPassRedactsRemovesAndKeepsWhatThePolicySays() {
        long redacted = event("redacted", "PROCESSED", 40, "{\"data\":{\"object\":{\"id\":\"cus_r\",\"email\":\"ann@example.com\"}}}");
        long masked = event("masked", "PROCESSED", 10, """
                {"id":"evt_m","data":{"object":{"id":"cus_m","object":"customer","email":"ann@example.com","name":"Ann Lee",
                 "phone":"+4930123456","address":{"city":"Berlin"},"metadata":{"billhook_company_id":"42"},"balance":0}}}""");
        long gone = event("gone", "PROCESSED", 500, "{}");
        long failedLongAgo = event("failed", "FAILED", 500, "{\"kept\":true}");
        long recent = event("recent", "PROCESSED", 5, "{\"kept\":true}");
        attempt(gone, 500);
        duplicate(gone, 499);
        attempt(redacted, 100);
        attempt(redacted, 10);
        duplicate(recent, 40);
        duplicate(recent, 1);
        rejection(40);
        rejection(1);
        rejectionCount(40);
        rejectionCount(1);

        JsonObject report = Billhook.json(pass());

        assertEquals("{\"redacted\":true}", payloadOf(redacted).replace(" ", ""));
        assertNotNull(Billhook.queryString("SELECT payload_redacted_at FROM webhook_event WHERE id = ?", redacted));

        String maskedPayload = payloadOf(masked);
        assertTrue(maskedPayload.contains("\"email\": \"[redacted]\"") && maskedPayload.contains("\"name\": \"[redacted]\"")
                && maskedPayload.contains("\"phone\": \"[redacted]\"") && maskedPayload.contains("\"address\": \"[redacted]\""),
                maskedPayload);
        assertTrue(maskedPayload.contains("\"id\": \"cus_m\"") && maskedPayload.contains("\"billhook_company_id\": \"42\"")
                && !maskedPayload.contains("Ann") && !maskedPayload.contains("Berlin"), maskedPayload);
        assertNull(Billhook.queryString("SELECT payload_redacted_at FROM webhook_event WHERE id = ?", masked));

        assertEquals(0, Billhook.count("SELECT count(*) FROM webhook_event WHERE id = ?", gone));
        assertEquals(0, Billhook.count("SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", gone));
        assertEquals(0, Billhook.count("SELECT count(*) FROM webhook_duplicate WHERE webhook_event_id = ?", gone));
        assertEquals("{\"kept\": true}", payloadOf(failedLongAgo), "an event that may still be processed keeps everything");
        assertEquals("{\"kept\": true}", payloadOf(recent));

        assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", redacted),
                "the attempt of 100 days ago went, the one of 10 days ago stayed");
        assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_duplicate WHERE webhook_event_id = ?", recent));
        assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_rejection WHERE remote_address = ?", "retention-" + run));
        assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_rejection_count WHERE reason = ?", "retention-" + run));

        JsonObject rows = report.getJsonObject("rows");
        assertTrue(rows.getJsonNumber("EVENTS").longValue() >= 1, report::toString);
        assertTrue(rows.getJsonNumber("PAYLOADS").longValue() >= 1, report::toString);
        assertTrue(rows.getJsonNumber("PERSONAL_DATA").longValue() >= 1, report::toString);
        assertTrue(rows.getJsonNumber("ATTEMPTS").longValue() >= 1, report::toString);
        assertTrue(rows.getJsonNumber("DUPLICATES").longValue() >= 1, report::toString);
        assertTrue(rows.getJsonNumber("REJECTIONS").longValue() >= 1, report::toString);

        JsonObject again = Billhook.json(pass()).getJsonObject("rows");
        assertEquals(0, again.getJsonNumber("PAYLOADS").longValue() + again.getJsonNumber("EVENTS").longValue(),
                "a second pass finds nothing more of what the first did: " + again);
    }

    @Test
    void aRedeliveryOfAnEventWhosePayloadWasRedactedIsStillADuplicate() {
        String eventId = Billhook.freshEventId();
        long id = event(eventId, "PROCESSED", 40, "{}");
        pass();
        byte[] redelivery = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\","
                + "\"api_version\":\"2026-07-29.dahlia\",\"created\":1780000000,\"livemode\":false,"
                + "\"data\":{\"object\":{\"id\":\"cus_retention\",\"object\":\"customer\"}}}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = Billhook.postStripe(redelivery);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Billhook.json(response).getBoolean("duplicate"), response.body());
        assertEquals("PROCESSED", Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", id));
    }

    @Test
    void anEventWhosePayloadWasRedactedIsNotProcessedAgain() {
        long id = event("retry", "PROCESSED", 40, "{}");
        pass();

        HttpResponse<String> retry = Billhook.send("POST", "/api/admin/webhooks/" + id + "/retry?force=true", Billhook.OPERATOR);

        assertEquals(409, retry.statusCode(), retry.body());
        assertEquals("application/problem+json", retry.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Billhook.json(retry).getString("type").endsWith("payload-redacted"), retry.body());
        assertEquals("PROCESSED", Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", id));
    }

    @Test
    void thePolicyAndTheLastPassAreShownAndOnlyAnOperatorRunsAPass() {
        pass();
        JsonObject shown = Billhook.json(Billhook.get("/api/admin/retention"));
        JsonObject policy = shown.getJsonObject("policy");
        assertEquals("PT720H", policy.getString("payloads"));
        assertEquals("PT168H", policy.getString("personalData"));
        assertEquals("PT9600H", policy.getString("events"));
        assertNotNull(shown.getJsonObject("lastPass"), shown::toString);

        assertEquals(403, Billhook.send("POST", "/api/admin/retention/runs", Billhook.VIEWER).statusCode());
        String metrics = Billhook.get("/metrics?scope=application").body();
        assertTrue(metrics.contains("billhook_retention_rows_total{kind=\"payloads\""), () -> metrics.lines()
                .filter(line -> line.contains("retention")).toList().toString());
    }

    private static HttpResponse<String> pass() {
        HttpResponse<String> response = Billhook.send("POST", "/api/admin/retention/runs", Billhook.OPERATOR);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** A finished or failed Stripe event received {@code daysAgo}, as the inbox and the consumer leave it. */
    private long event(String name, String status, int daysAgo, String payload) {
        String eventId = name.startsWith("evt_") ? name : "evt_retention_" + run + "_" + name;
        Billhook.execute("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, correlation_id, status,
                                           attempts, received_at, enqueued_at, processed_at, processing_millis)
                VALUES ('stripe', ?, 'customer.updated', 'MEDIUM', ?::jsonb, 'retention-it', ?, 1,
                        now() - make_interval(days => ?), now() - make_interval(days => ?),
                        now() - make_interval(days => ?), 12)""", eventId, payload, status, daysAgo, daysAgo, daysAgo);
        return Billhook.count("SELECT id FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ?", eventId);
    }

    private static void attempt(long eventId, int daysAgo) {
        Billhook.execute("""
                INSERT INTO webhook_attempt (webhook_event_id, attempt, started_at, finished_at, duration_millis, outcome,
                                             correlation_id)
                VALUES (?, 1, now() - make_interval(days => ?), now() - make_interval(days => ?), 12, 'PROCESSED',
                        'retention-it')""", eventId, daysAgo, daysAgo);
    }

    private static void duplicate(long eventId, int daysAgo) {
        Billhook.execute("INSERT INTO webhook_duplicate (webhook_event_id, received_at) VALUES (?, now() - make_interval(days => ?))",
                eventId, daysAgo);
    }

    private void rejection(int daysAgo) {
        Billhook.execute("""
                INSERT INTO webhook_rejection (provider, reason, http_status, body_bytes, remote_address, received_at)
                VALUES ('stripe', 'invalid-signature', 400, 10, ?, now() - make_interval(days => ?))""",
                "retention-" + run, daysAgo);
    }

    private void rejectionCount(int daysAgo) {
        Billhook.execute("""
                INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
                VALUES (date_trunc('minute', now() - make_interval(days => ?)), now() - make_interval(days => ?), 'stripe',
                        ?, 400, 3)""", daysAgo, daysAgo, "retention-" + run);
    }

    private static String payloadOf(long id) {
        return Billhook.queryString("SELECT payload::text FROM webhook_event WHERE id = ?", id);
    }
}
