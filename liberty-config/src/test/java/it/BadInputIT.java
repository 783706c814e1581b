package it;

import static it.Billhook.count;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.signature;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every refused delivery gets its status and a problem+json body, stores nothing, and is recorded. */
class BadInputIT {

    private final String eventId = freshEventId();
    private final byte[] event = withFreshId(read(Billhook.EVENTS.resolve("invoice.paid.json")), eventId);
    private final long now = Instant.now().getEpochSecond();

    @Test
    void missingSignature() {
        assertRefused(400, "missing-signature", postStripe(event, null, "application/json"));
    }

    @Test
    void malformedSignature() {
        assertRefused(400, "malformed-signature", postStripe(event, "t=abc,v1=zz", "application/json"));
    }

    @Test
    void signatureWithTheWrongSecret() {
        assertRefused(400, "invalid-signature", postStripe(event, signature(event, now, "whsec_wrong"), "application/json"));
    }

    @Test
    void tamperedBody() {
        String signed = signature(event);
        byte[] tampered = new String(event, StandardCharsets.UTF_8).replace("\"paid\"", "\"void\"").getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "invalid-signature", postStripe(tampered, signed, "application/json"));
    }

    @Test
    void staleSignature() {
        assertRefused(400, "stale-signature", postStripe(event, signature(event, now - 600, Billhook.SECRET), "application/json"));
    }

    @Test
    void futureSignature() {
        assertRefused(400, "future-signature", postStripe(event, signature(event, now + 600, Billhook.SECRET), "application/json"));
    }

    @Test
    void signedBodyThatIsNotJson() {
        byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "invalid-event", postStripe(body, signature(body), "application/json"));
    }

    @Test
    void signedJsonThatIsNotAStripeEvent() {
        byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"customer\"}").getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "invalid-event", postStripe(body, signature(body), "application/json"));
    }

    @Test
    void signedBodyThatIsNotUtf8() {
        // a valid event but for one byte that is no UTF-8: stored with a replacement character, it would no longer
        // be what was signed
        String json = new String(event, StandardCharsets.UTF_8);
        int quote = json.indexOf("\"id\"");
        byte[] body = (json.substring(0, quote) + "\"note\": \"caf\u0000\", " + json.substring(quote))
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                body[i] = (byte) 0xE9;
            }
        }
        assertRefused(400, "invalid-event", postStripe(body, signature(body), "application/json"));
    }

    @Test
    void bodyOverOneMebibyte() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(event, 0, body, 0, event.length);
        assertRefused(413, "payload-too-large", postStripe(body, signature(body), "application/json"));
    }

    @Test
    void contentTypeThatIsNotJson() {
        assertRefused(415, "unsupported-media-type", postStripe(event, signature(event), "text/plain"));
    }

    private void assertRefused(int status, String reason, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        JsonObject problem = Billhook.json(response);
        assertEquals(status, problem.getInt("status"));
        assertEquals("/problems/" + reason, problem.getString("type"));
        assertTrue(problem.getString("detail").length() > 0);
        assertTrue(!problem.getString("detail").contains("whsec_"), "a problem never names a secret");
        assertEquals(0, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventId),
                "nothing is stored for a refused delivery");
        Billhook.await("the refusal is recorded", () -> count("SELECT count(*) FROM webhook_rejection WHERE reason = ?"
                + " AND http_status = ? AND correlation_id IS NOT NULL AND received_at > now() - interval '1 minute'",
                reason, status) >= 1, 10);
    }
}
