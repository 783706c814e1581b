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

/**
 * A duplicate storm: Stripe delivers at least once, so every event is sent three times at the same moment. Each
 * ends as one row, two counted duplicates, and one processing attempt.
 */
class DuplicateDeliveryIT {

    private static final int COPIES = 3;

    @Test
    void eachEventPostedThreeTimesConcurrentlyIsStoredOnceAppliedOnceAndCountedTwice() throws Exception {
        List<byte[]> events = new ArrayList<>();
        for (Path file : Billhook.corpus()) {
            events.add(withFreshId(read(file), freshEventId()));
        }
        List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (byte[] event : events) {
            for (int copy = 0; copy < COPIES; copy++) {
                deliveries.add(() -> postStripe(event));
            }
        }
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> answers;
        try {
            answers = senders.invokeAll(deliveries);
        } finally {
            senders.shutdown();
        }
        for (int i = 0; i < events.size(); i++) {
            List<JsonObject> acks = new ArrayList<>();
            for (int copy = 0; copy < COPIES; copy++) {
                HttpResponse<String> answer = answers.get(COPIES * i + copy).get();
                assertEquals(200, answer.statusCode(), answer.body());
                acks.add(json(answer));
            }
            assertEquals(1, acks.stream().map(a -> a.getJsonNumber("id").longValue()).distinct().count(),
                    "all deliveries name the same stored event");
            assertEquals(COPIES - 1, acks.stream().filter(a -> a.getBoolean("duplicate")).count(),
                    "all but one are duplicates");
            String eventId = Billhook.eventId(events.get(i));
            assertEquals(1, count("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ?", eventId));
            assertEquals(COPIES - 1, count("""
                    SELECT count(*) FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id
                     WHERE e.provider_event_id = ?""", eventId));
        }
        for (byte[] event : events) {
            String eventId = Billhook.eventId(event);
            await(eventId + " finished", () -> finished(eventId));
            // applied at most once, and exactly once when it is done (an event may first wait in quarantine for its
            // customer, whose copies arrive at the same moment)
            long applied = count("""
                    SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                     WHERE e.provider_event_id = ? AND a.outcome IN ('PROCESSED', 'IGNORED')""", eventId);
            String status = Billhook.status(eventId);
            assertEquals(List.of("PROCESSED", "IGNORED").contains(status) ? 1 : 0, applied, eventId + " (" + status + ")");
        }
    }
}
