package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.execute;
import static it.Billhook.finished;
import static it.Billhook.freshEventId;
import static it.Billhook.get;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.signature;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The statistics equal the truth, counted by the test from what it sent and from the rows. */
class StatisticsIT {

    @Test
    void deliveriesOfThisTestAreCountedExactly() {
        Instant since = Instant.now().minusMillis(5);
        List<String> processed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processed.add(deliver(read(Billhook.EVENTS.resolve("customer.created.json")), 200));
        }
        // price.updated has no effect on billing: IGNORED
        byte[] priceUpdated = new String(read(Billhook.EVENTS.resolve("price.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"price.created\"", "\"type\": \"price.updated\"").getBytes(StandardCharsets.UTF_8);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ignored.add(deliver(priceUpdated, 200));
        }
        String productAsCustomer = new String(read(Billhook.EVENTS.resolve("product.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"product.created\"", "\"type\": \"customer.created\"");
        String failed = deliver(productAsCustomer.getBytes(StandardCharsets.UTF_8), 200);
        byte[] repeated = withFreshId(priceUpdated, ignored.get(0));
        for (int i = 0; i < 2; i++) {
            assertEquals(200, postStripe(repeated).statusCode());
        }
        byte[] forged = read(Billhook.EVENTS.resolve("price.created.json"));
        assertEquals(400, postStripe(forged, "t=1,v1=00", "application/json").statusCode());
        processed.forEach(id -> await("processed " + id, () -> finished(id)));
        ignored.forEach(id -> await("ignored " + id, () -> finished(id)));
        await("failed " + failed, () -> finished(failed));
        // refusals are counted in memory and written once a second
        await("the refusal counted", () -> stats("?since=" + since + "&provider=stripe").getInt("rejected") == 1, 10);

        JsonObject stats = stats("?since=" + since + "&provider=stripe");
        assertEquals(8, stats.getInt("total"));
        assertEquals(4, stats.getInt("processed"));
        assertEquals(3, stats.getInt("ignored"));
        assertEquals(1, stats.getInt("failed"));
        assertEquals(0, stats.getInt("retrying"));
        assertEquals(2, stats.getInt("duplicatesPrevented"));
        assertEquals(1, stats.getInt("rejected"));
        assertEquals(0.875, stats.getJsonNumber("successRate").doubleValue(), 1e-9);
        assertEquals(0.0, stats.getJsonNumber("averageRetryCount").doubleValue(), 1e-9);
        assertEquals(4, stats.getJsonObject("byType").getJsonObject("customer.created").getInt("processed"));
        assertEquals(1, stats.getJsonObject("byType").getJsonObject("customer.created").getInt("failed"));
        assertEquals(2, stats.getJsonObject("byType").getJsonObject("price.updated").getInt("duplicatesPrevented"));
        assertEquals(8, stats.getJsonObject("byProvider").getJsonObject("stripe").getInt("total"));
        assertEquals(4, stats.getJsonObject("byStatus").getInt("PROCESSED"));
        assertProcessingTimesFit(stats, since);
    }

    /**
     * Old history is written straight into the table (under an event type of its own), so the rollup's hour
     * and day buckets and the exact edges of a "since" are all covered.
     */
    @Test
    void historyInHourAndDayBucketsIsCountedExactlyFromAnyInstant() {
        String type = "it.statistics." + UUID.randomUUID().toString().substring(0, 8);
        execute("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, received_at, enqueued_at,
                                           status, attempts, correlation_id, processed_at, processing_millis)
                SELECT 'stripe', ?::text || '-' || n, ?, 'LOW', '{}'::jsonb, r, r,
                       (ARRAY['PROCESSED','PROCESSED','PROCESSED','IGNORED','FAILED'])[1 + n % 5],
                       1 + n % 4, 'it-history', r, CASE WHEN n % 5 < 4 THEN 3 + (n * 37) % 400 END
                  FROM generate_series(1, 600) n, LATERAL (SELECT now() - make_interval(mins => n * 29) AS r) received
                """, type, type);
        execute("""
                INSERT INTO webhook_duplicate (webhook_event_id, received_at)
                SELECT id, received_at + interval '1 minute' FROM webhook_event WHERE event_type = ? AND attempts = 2
                """, type);
        // a status change after the fact moves the event between combinations
        execute("UPDATE webhook_event SET status = 'PROCESSED', processing_millis = 7 WHERE event_type = ? AND status = 'FAILED'"
                + " AND provider_event_id LIKE '%4'", type);

        Instant now = Instant.now();
        List<Instant> instants = List.of(now.minus(Duration.ofDays(10)).minusSeconds(1234),
                now.minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.DAYS),
                now.minus(Duration.ofDays(3)).minusSeconds(1999), now.minus(Duration.ofHours(20)).minusSeconds(1999),
                now.minus(Duration.ofMinutes(95)));
        for (boolean folded : new boolean[] {false, true}) {
            if (folded) {
                await("the rollup folded", () -> count("SELECT count(*) FROM webhook_stats_delta WHERE event_type = ?", type) == 0);
            }
            assertEqualsTruth(type, null);
            for (Instant since : instants) {
                assertEqualsTruth(type, since);
            }
        }
    }

    @Test
    void badQueriesAreRefused() {
        HttpResponse<String> unknownProvider = get("/api/admin/webhooks/stats?provider=paypal");
        assertEquals(400, unknownProvider.statusCode());
        assertTrue(unknownProvider.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertEquals(400, get("/api/admin/webhooks/stats?since=yesterday").statusCode());
        assertEquals(200, get("/api/admin/webhooks/stats?since=24h").statusCode());
    }

    private static void assertEqualsTruth(String type, Instant since) {
        String window = since == null ? "" : " AND received_at >= '" + since + "'";
        JsonObject figures = stats(since == null ? "" : "?since=" + since).getJsonObject("byType").getJsonObject(type);
        String at = " (since " + since + ")";
        assertEquals(count("SELECT count(*) FROM webhook_event WHERE event_type = ?" + window, type),
                figures.getJsonNumber("total").longValue(), "total" + at);
        for (String status : List.of("PROCESSED", "IGNORED", "FAILED")) {
            assertEquals(count("SELECT count(*) FROM webhook_event WHERE event_type = ? AND status = ?" + window, type, status),
                    figures.getJsonNumber(status.toLowerCase()).longValue(), status + at);
        }
        long retries = count("SELECT coalesce(sum(attempts - 1), 0) FROM webhook_event WHERE event_type = ?" + window, type);
        assertEquals((double) retries / figures.getJsonNumber("total").longValue(),
                figures.getJsonNumber("averageRetryCount").doubleValue(), 1e-4, "average retries" + at);
        assertEquals(count("SELECT count(*) FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id"
                        + " WHERE e.event_type = ?" + window.replace("received_at", "d.received_at"), type),
                figures.getJsonNumber("duplicatesPrevented").longValue(), "duplicates" + at);
    }

    /** Percentiles come from histogram buckets about a quarter wide: they lie within the times measured, give or take one bucket. */
    private static void assertProcessingTimesFit(JsonObject stats, Instant since) {
        double p50 = stats.getJsonNumber("processingMillisP50").doubleValue();
        double p95 = stats.getJsonNumber("processingMillisP95").doubleValue();
        String window = " FROM webhook_event WHERE received_at >= '" + since + "' AND status IN ('PROCESSED', 'IGNORED')";
        long fastest = count("SELECT min(processing_millis)" + window);
        long slowest = count("SELECT max(processing_millis)" + window);
        assertTrue(p50 <= p95, p50 + " > " + p95);
        assertTrue(p50 >= fastest * 0.75 - 1 && p95 <= slowest * 1.25 + 1,
                "p50 " + p50 + " and p95 " + p95 + " outside the measured " + fastest + ".." + slowest + " ms");
    }

    private static String deliver(byte[] corpusEvent, int expectedStatus) {
        String eventId = freshEventId();
        byte[] event = withFreshId(corpusEvent, eventId);
        HttpResponse<String> response = postStripe(event, signature(event), "application/json");
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return eventId;
    }

    private static JsonObject stats(String query) {
        HttpResponse<String> response = get("/api/admin/webhooks/stats" + query.replace("+", URLEncoder.encode("+", StandardCharsets.UTF_8)));
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }
}
