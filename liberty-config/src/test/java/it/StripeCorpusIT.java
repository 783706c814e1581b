package it;

import static it.Billhook.await;
import static it.Billhook.eventId;
import static it.Billhook.finished;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every event of the corpus, signed and posted as Stripe would, is stored once and processed or ignored. */
class StripeCorpusIT {

    @Test
    void everyCorpusEventIsAcknowledgedAfterStorageAndThenProcessedOrIgnored() {
        List<Path> corpus = Billhook.corpus();
        // customers first, as Stripe creates them first: invoice events find their company through them
        List<Path> ordered = new ArrayList<>(corpus.stream().filter(p -> p.getFileName().toString().startsWith("customer.created")).toList());
        ordered.addAll(corpus.stream().filter(p -> !ordered.contains(p)).toList());
        String customer = eventId(read(ordered.get(0)));
        Map<String, String> idsByFile = new TreeMap<>();
        for (Path file : ordered) {
            byte[] body = read(file);
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
        }
        idsByFile.forEach((file, id) -> await(file + " finished", () -> finished(id)));
        idsByFile.forEach((file, id) -> {
            String status = status(id);
            assertTrue(status.equals("PROCESSED") || status.equals("IGNORED"), file + " is " + status + ": "
                    + Billhook.queryString("SELECT last_error FROM webhook_event WHERE provider_event_id = ?", id));
        });
        assertEquals("PROCESSED", status(idsByFile.get("invoice.finalized.json")));
        assertEquals("PROCESSED", status(idsByFile.get("customer.updated.json")));
        assertEquals("IGNORED", status(idsByFile.get("product.created.json")));
    }
}
