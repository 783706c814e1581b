package it;

import static it.Billhook.await;
import static it.Billhook.finished;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.queryString;
import static it.Billhook.read;
import static it.Billhook.signature;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A delivery's correlation id comes back in the response and stays with its row and its attempts. */
class CorrelationIT {

    @Test
    void aSaneCallerIdIsKeptAndFollowsTheEvent() {
        String eventId = freshEventId();
        String correlationId = "it-" + UUID.randomUUID();
        HttpResponse<String> response = post(eventId, correlationId);
        assertEquals(correlationId, response.headers().firstValue("X-Correlation-ID").orElseThrow());
        assertEquals(correlationId, queryString("SELECT correlation_id FROM webhook_event WHERE provider_event_id = ?", eventId));
        await("processed", () -> finished(eventId));
        assertEquals(correlationId, queryString("""
                SELECT a.correlation_id FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ?""", eventId));
    }

    @Test
    void anInsaneCallerIdIsReplaced() {
        String eventId = freshEventId();
        HttpResponse<String> response = post(eventId, "not a token <script>");
        String given = response.headers().firstValue("X-Correlation-ID").orElseThrow();
        assertNotEquals("not a token <script>", given);
        assertTrue(given.matches("[0-9a-f-]{36}"), given);
        assertEquals(given, queryString("SELECT correlation_id FROM webhook_event WHERE provider_event_id = ?", eventId));
    }

    @Test
    void aRefusedDeliveryAnswersWithItsCorrelationIdToo() {
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
        String correlationId = "it-refused-" + UUID.randomUUID();
        HttpResponse<String> response = postStripe(event, "t=1,v1=00", "application/json",
                Map.of("X-Correlation-ID", correlationId));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(correlationId, response.headers().firstValue("X-Correlation-ID").orElseThrow());
        Billhook.await("the refusal is recorded with its correlation id", () -> correlationId.equals(
                queryString("SELECT correlation_id FROM webhook_rejection WHERE correlation_id = ?", correlationId)), 10);
    }

    private static HttpResponse<String> post(String eventId, String correlationId) {
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), eventId);
        HttpResponse<String> response = postStripe(event, signature(event), "application/json",
                Map.of("X-Correlation-ID", correlationId));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }
}
