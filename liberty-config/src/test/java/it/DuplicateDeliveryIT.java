package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.finished;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Stripe delivers at least once: every event sent twice at the same moment ends as one row and one counted duplicate. */
class DuplicateDeliveryIT {

    @Test
    void eachEventPostedTwiceConcurrentlyIsStoredOnceAndCountedOnce() throws Exception {
        List<byte[]> events = new ArrayList<>();
        for (Path file : Billhook.corpus()) {
            events.add(withFreshId(read(file), freshEventId()));
        }
        List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (byte[] event : events) {
            deliveries.add(() -> postStripe(event));
            deliveries.add(() -> postStripe(event));
        }
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> answers;
        try {
            answers = senders.invokeAll(deliveries);
        } finally {
            senders.shutdown();
        }
        for (int i = 0; i < events.size(); i++) {
            JsonObject first = json(answers.get(2 * i).get());
            JsonObject second = json(answers.get(2 * i + 1).get());
            assertEquals(200, answers.get(2 * i).get().statusCode());
            assertEquals(200, answers.get(2 * i + 1).get().statusCode());
            assertEquals(first.getJsonNumber("id").longValue(), second.getJsonNumber("id").longValue(),
                    "both deliveries name the same stored event");
            assertEquals(1, (first.getBoolean("duplicate") ? 1 : 0) + (second.getBoolean("duplicate") ? 1 : 0),
                    "exactly one of the two is the duplicate");
            String eventId = Billhook.eventId(events.get(i));
            assertEquals(1, count("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ?", eventId));
            assertEquals(1, count("""
                    SELECT count(*) FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id
                     WHERE e.provider_event_id = ?""", eventId));
        }
        for (byte[] event : events) {
            String eventId = Billhook.eventId(event);
            await(eventId + " finished", () -> finished(eventId));
        }
    }
}
