package it;

import static it.Billhook.await;
import static it.Billhook.eventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every event of the corpus, signed and posted as Stripe would, is stored once and has its effect. The corpus
 * customer comes first, as Stripe creates it first; everything else is posted at once, in file order, and
 * applied in whatever order the consumers take it.
 */
class StripeCorpusIT {

    /**
     * Sent once everything else is applied: they name an invoice or a subscription the first wave brings.
     * (Sent earlier, they would make the server fetch those from the Stripe API; StripeApiIT shows that.)
     */
    private static final List<String> SECOND_WAVE = List.of("invoice_payment.paid.json", "invoice.upcoming.json");

    /** Corpus events that are not simply PROCESSED, and why. */
    private static final Map<String, String> NOT_PROCESSED = Map.of(
            // its customer is linked to no company, and the session names none: it waits for the link
            "checkout.session.completed.json", "QUARANTINED",
            // a customer that was never linked to a company
            "customer.deleted.json", "IGNORED");

    @Test
    void everyCorpusEventIsAcknowledgedAfterStorageAndThenApplied() {
        List<Path> corpus = Billhook.corpus();
        List<Path> ordered = new ArrayList<>(corpus.stream().filter(p -> p.getFileName().toString().startsWith("customer.created")).toList());
        ordered.addAll(corpus.stream().filter(p -> !ordered.contains(p) && !SECOND_WAVE.contains(p.getFileName().toString())).toList());
        corpus.stream().filter(p -> SECOND_WAVE.contains(p.getFileName().toString())).forEach(ordered::add);
        String customer = eventId(read(ordered.get(0)));
        Map<String, String> idsByFile = new TreeMap<>();
        for (Path file : ordered) {
            byte[] body = disputeOfTheCorpusCharge(read(file));
            HttpResponse<String> response = postStripe(body);
            assertEquals(200, response.statusCode(), file + ": " + response.body());
            JsonObject ack = json(response);
            assertFalse(ack.getBoolean("duplicate"), file.toString());
            assertTrue(ack.getJsonNumber("id").longValue() > 0);
            String eventId = eventId(body);
            assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventId),
                    "the row exists once the 200 is sent");
            idsByFile.put(file.getFileName().toString(), eventId);
            if (eventId.equals(customer)) {
                await("customer.created processed", () -> "PROCESSED".equals(status(customer)));
            }
            if (SECOND_WAVE.contains(file.getFileName().toString())) {
                idsByFile.forEach((f, id) -> await(f + " applied before the second wave", () -> !List.of("RECEIVED", "RETRYING")
                        .contains(status(id)) || SECOND_WAVE.contains(f)));
            }
        }
        // a refund, dispute or invoice payment taken before its charge or invoice is retried (1 s, 2 s, 4 s here)
        idsByFile.forEach((file, id) -> await(file + " applied", () -> {
            String status = status(id);
            return status.equals(NOT_PROCESSED.getOrDefault(file, "PROCESSED")) || "FAILED".equals(status);
        }));
        idsByFile.forEach((file, id) -> assertEquals(NOT_PROCESSED.getOrDefault(file, "PROCESSED"), status(id), file + ": "
                + Billhook.queryString("SELECT last_error FROM webhook_event WHERE provider_event_id = ?", id)));
        assertEquals("cus_9UfOBPmsor685M", Billhook.queryString(
                "SELECT quarantined_customer FROM webhook_event WHERE provider_event_id = ?",
                idsByFile.get("checkout.session.completed.json")));
    }

    @Test
    void aTypeWithoutEffectIsIgnoredWithItsReason() {
        String eventId = Billhook.freshEventId();
        byte[] body = Billhook.withFreshId(new String(read(Billhook.EVENTS.resolve("price.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"price.created\"", "\"type\": \"billing.meter.created\"")
                .getBytes(StandardCharsets.UTF_8), eventId);
        assertEquals(200, postStripe(body).statusCode());
        await("ignored", () -> "IGNORED".equals(status(eventId)));
        assertEquals(1, Billhook.count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ? AND a.outcome = 'IGNORED'""", eventId));
    }

    /** The corpus dispute is about a charge outside the corpus; here it disputes the corpus charge. */
    private static byte[] disputeOfTheCorpusCharge(byte[] event) {
        return new String(event, StandardCharsets.UTF_8)
                .replace("ch_38E1d62eC3uLkQFzklomZUsC", "ch_3uXfLj2eC3uLkQFzN2VDNJw6")
                .replace("pi_38E1d62eC3uLkQFzklomZUsC", "pi_3uXfLj2eC3uLkQFzN2VDNJw6")
                .getBytes(StandardCharsets.UTF_8);
    }
}
