package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.send;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.Cli.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A dry-run retry shows the rows the retry would write, field by field, and writes nothing; the real retry then
 * writes exactly those. Two quarantined invoice events are the subject: their customer is linked behind the
 * pipeline's back (straight in the database), so nothing releases them but the retries of the test.
 */
class ReplayPreviewIT {

    /**
     * Columns a real retry sets from the clock or a sequence (the invoice's own id, and its billing period's, inserted
     * by the same event): the dry run's values of them cannot be the retry's.
     */
    private static final Set<String> SET_AT_WRITE = Set.of("id", "billing_period_id", "updated_at");

    @Test
    void aDryRunRetryShowsTheRowsTheRetryThenWritesAndWritesNothing() {
        String customer = "cus_dry" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String invoice = "in_dry" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        long company = 800_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        String subscription = "sub_dry" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long finalized = quarantined("invoice.finalized.json", customer, subscription, invoice);
        long paid = quarantined("invoice.paid.json", customer, subscription, invoice);
        Billhook.execute("INSERT INTO company (id, name) VALUES (?, 'Dry Run GmbH')", company);
        Billhook.execute("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?, ?)", customer, company);

        JsonObject first = dryRun(finalized);
        assertEquals("QUARANTINED", first.getJsonObject("event").getString("status"));
        assertEquals("APPLY", first.getJsonObject("effects").getString("verdict"), first.toString());
        JsonObject inserted = change(first, "invoice", "INSERT");
        Map<String, String> wouldInsert = fields(inserted, "after");
        assertEquals("\"" + invoice + "\"", wouldInsert.get("stripe_invoice_id"));
        assertEquals("\"OPEN\"", wouldInsert.get("status"));
        assertEquals(Long.toString(company), wouldInsert.get("company_id"));
        assertUntouched(finalized, invoice);

        retry(finalized);
        Map<String, String> written = row(invoice);
        wouldInsert.forEach((field, value) -> {
            if (!SET_AT_WRITE.contains(field)) {
                assertEquals(value, written.get(field), field + " as the dry run said");
            }
        });

        JsonObject second = dryRun(paid);
        JsonObject updated = change(second, "invoice", "UPDATE");
        assertEquals("id=" + written.get("id"), updated.getString("key"));
        Map<String, String> before = fields(updated, "before");
        Map<String, String> after = fields(updated, "after");
        assertEquals("\"OPEN\"", before.get("status"));
        assertEquals("\"PAID\"", after.get("status"));
        assertEquals("0", before.get("amount_paid"));
        assertEquals("19900", after.get("amount_paid"));
        before.forEach((field, value) -> assertEquals(value, written.get(field), field + " before is the committed value"));
        assertEquals(written, row(invoice), "a dry run changes nothing");
        assertEquals("QUARANTINED", status(eventIdOf(paid)));

        Run cli = Cli.cli(OPERATOR, "webhooks", "retry", Long.toString(paid), "--dry-run");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("would apply, writing") && cli.out().contains("UPDATE invoice (id=" + written.get("id") + ")")
                && cli.out().matches("(?s).*status\\s+\"OPEN\" -> \"PAID\".*") && cli.out().contains("Nothing was changed."),
                cli.out());
        assertEquals(written, row(invoice), "nor does the CLI's");

        retry(paid);
        Map<String, String> paidRow = row(invoice);
        after.forEach((field, value) -> {
            if (!SET_AT_WRITE.contains(field)) {
                assertEquals(value, paidRow.get(field), field + " as the dry run said");
            }
        });

        JsonObject again = dryRun(paid, "&force=true");
        assertEquals("APPLY", again.getJsonObject("effects").getString("verdict"));
        assertFalse(again.getJsonObject("effects").getJsonArray("changes").stream().map(JsonValue::asJsonObject)
                .anyMatch(row -> "invoice".equals(row.getString("table"))
                        && fields(row, "after").keySet().stream().anyMatch(field -> !SET_AT_WRITE.contains(field))),
                "applied again, the event changes nothing of its invoice: " + again);
        assertEquals(409, send("POST", "/api/admin/webhooks/" + paid + "/retry?dryRun=true", OPERATOR).statusCode(),
                "a PROCESSED event is refused without force, as the retry itself is");
        assertEquals(404, send("POST", "/api/admin/webhooks/999999999/retry?dryRun=true", OPERATOR).statusCode());
    }

    @Test
    void aBulkDryRunShowsWhatEachEventWouldDo() {
        String customer = "cus_drybulk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long waiting = quarantined("invoice.finalized.json", customer, "sub_drybulk" + UUID.randomUUID().toString().substring(0, 8),
                "in_drybulk" + UUID.randomUUID().toString().substring(0, 8));
        JsonObject plan = json(send("POST", "/api/admin/webhooks/retry-failed?status=quarantined&type=invoice.finalized&dryRun=true",
                OPERATOR));
        JsonObject planned = plan.getJsonArray("events").stream().map(JsonValue::asJsonObject)
                .filter(event -> event.getJsonNumber("id").longValue() == waiting).findFirst().orElseThrow();
        JsonObject effects = planned.getJsonObject("effects");
        assertEquals("QUARANTINE", effects.getString("verdict"), planned.toString());
        assertTrue(effects.getString("detail").contains(customer), effects.toString());
        assertEquals("QUARANTINED", status(eventIdOf(waiting)));
        assertEquals("1", Billhook.queryString("SELECT attempts::text FROM webhook_event WHERE id = ?", waiting),
                "a dry run records no attempt");
    }

    /** The corpus event about a customer, subscription and invoice of this test's own, delivered and quarantined. */
    private static long quarantined(String file, String customer, String subscription, String invoice) {
        String event = Billhook.corpusAbout(file, customer, subscription, invoice);
        String eventId = freshEventId();
        assertEquals(200, postStripe(withFreshId(event.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        await(file + " quarantined", () -> "QUARANTINED".equals(status(eventId)));
        return Long.parseLong(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", eventId));
    }

    private static JsonObject dryRun(long id) {
        return dryRun(id, "");
    }

    private static JsonObject dryRun(long id, String more) {
        HttpResponse<String> answer = send("POST", "/api/admin/webhooks/" + id + "/retry?dryRun=true" + more, OPERATOR);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    private static void retry(long id) {
        HttpResponse<String> answer = send("POST", "/api/admin/webhooks/" + id + "/retry", OPERATOR);
        assertEquals(202, answer.statusCode(), answer.body());
        await("event " + id + " processed", () -> "PROCESSED".equals(status(eventIdOf(id))));
    }

    private static void assertUntouched(long id, String invoice) {
        assertEquals(0, Billhook.count("SELECT count(*) FROM invoice WHERE stripe_invoice_id = ?", invoice), "a dry run inserts nothing");
        assertEquals("QUARANTINED", status(eventIdOf(id)));
        assertEquals("1", Billhook.queryString("SELECT attempts::text FROM webhook_event WHERE id = ?", id),
                "a dry run records no attempt");
    }

    private static JsonObject change(JsonObject preview, String table, String operation) {
        return preview.getJsonObject("effects").getJsonArray("changes").stream().map(JsonValue::asJsonObject)
                .filter(row -> table.equals(row.getString("table")) && operation.equals(row.getString("operation")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + operation + " of " + table + " in " + preview));
    }

    /** A change's fields, their values before or after as JSON text. */
    private static Map<String, String> fields(JsonObject change, String which) {
        return change.getJsonArray("fields").stream().map(JsonValue::asJsonObject)
                .filter(field -> field.containsKey(which))
                .collect(Collectors.toMap(field -> field.getString("field"), field -> field.getString(which)));
    }

    /** The committed invoice row, each field as JSON text the way the dry run renders it. */
    private static Map<String, String> row(String invoice) {
        String json = Billhook.queryString("SELECT to_jsonb(i)::text FROM invoice i WHERE stripe_invoice_id = ?", invoice);
        JsonObject row = Json.createReader(new StringReader(json)).readObject();
        return row.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toString()));
    }

    private static String eventIdOf(long id) {
        return Billhook.queryString("SELECT provider_event_id FROM webhook_event WHERE id = ?", id);
    }
}
