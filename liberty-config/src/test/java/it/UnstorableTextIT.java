package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Valid JSON that PostgreSQL's jsonb cannot hold (the escape \u0000, a lone surrogate) is stored, acknowledged and
 * processed, and the payload as received is kept; the events delivered beside it are not held up.
 */
class UnstorableTextIT {

    @Test
    void anEventWithANulOrALoneSurrogateIsStoredAndProcessedAndItsBatchIsUnaffected() throws Exception {
        List<String> odd = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("nul \\u0000 here", "lone \\ud800 surrogate")) {
            String id = freshEventId();
            odd.add(id);
            bodies.add(withNote(id, text));
        }
        for (int i = 0; i < 30; i++) {
            String id = freshEventId();
            plain.add(id);
            bodies.add(withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), id));
        }
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            bodies.forEach(body -> answers.add(senders.submit(() -> postStripe(body))));
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(200, answer.get().statusCode(), answer.get().body());
            }
        } finally {
            senders.shutdown();
        }
        for (String id : odd) {
            await("the odd event processed", () -> "PROCESSED".equals(status(id)));
            assertTrue(Billhook.queryString("SELECT payload_raw FROM webhook_event WHERE provider_event_id = ?", id)
                    .matches("(?s).*\\\\u(0000|d800).*"), "the payload as received is kept");
            assertTrue(Billhook.queryString("SELECT payload->>'note' FROM webhook_event WHERE provider_event_id = ?", id)
                    .contains("\uFFFD"), "the stored payload has the replacement character");
        }
        for (String id : plain) {
            await("the events beside it processed", () -> "PROCESSED".equals(status(id)));
            assertEquals("", Billhook.queryString(
                    "SELECT coalesce(payload_raw, '') FROM webhook_event WHERE provider_event_id = ?", id));
        }
    }

    private static byte[] withNote(String id, String note) {
        String json = new String(withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), id), StandardCharsets.UTF_8);
        int first = json.indexOf('{');
        return (json.substring(0, first + 1) + "\"note\": \"" + note + "\", " + json.substring(first + 1))
                .getBytes(StandardCharsets.UTF_8);
    }
}
