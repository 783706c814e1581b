package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerts reach a local receiver as Slack-compatible JSON, once per condition. */
class AlertIT {

    private static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        int port = Integer.parseInt(System.getProperty("billhook.alert.port", "9399"));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(Json.createReader(new StringReader(body)).readObject());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anEventReachingFailedRaisesExactlyOneAlert() throws InterruptedException {
        String eventId = freshEventId();
        String customerAsInvoice = new String(read(Billhook.EVENTS.resolve("customer.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"customer.created\"", "\"type\": \"invoice.finalized\"");
        assertEquals(200, postStripe(withFreshId(customerAsInvoice.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        await("the event to fail", () -> "FAILED".equals(status(eventId)));
        await("the alert", () -> alertsFor(eventId).size() == 1);
        Thread.sleep(2000);
        List<JsonObject> alerts = alertsFor(eventId);
        assertEquals(1, alerts.size(), "one alert: " + alerts);
        JsonObject alert = alerts.get(0);
        assertEquals("event-failed", alert.getString("condition"));
        assertEquals("stripe", alert.getString("provider"));
        assertEquals("invoice.finalized", alert.getString("type"));
        assertTrue(alert.getString("text").contains(eventId));
        assertTrue(alert.getString("error").contains("PermanentFailure"), alert.toString());
        assertEquals(Billhook.queryString("SELECT correlation_id FROM webhook_event WHERE provider_event_id = ?", eventId),
                alert.getString("correlationId"));
    }

    @Test
    void aBurstOfSignatureFailuresRaisesOneAlert() throws InterruptedException {
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("charge.failed.json")), freshEventId());
        String forged = Billhook.signature(event, java.time.Instant.now().getEpochSecond(), "whsec_forged");
        for (int i = 0; i < 10; i++) {
            assertEquals(400, postStripe(event, forged, "application/json").statusCode());
        }
        await("the signature alert", () -> alertsOf("signature-failures").size() == 1);
        Thread.sleep(1000);
        assertEquals(1, alertsOf("signature-failures").size(), "once per interval");
    }

    private static List<JsonObject> alertsFor(String eventId) {
        return RECEIVED.stream().filter(a -> eventId.equals(a.getString("eventId", null))).toList();
    }

    private static List<JsonObject> alertsOf(String condition) {
        return RECEIVED.stream().filter(a -> condition.equals(a.getString("condition", null))).toList();
    }
}
