package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postRetell;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.send;
import static it.Billhook.status;
import static it.Billhook.statusOf;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call's usage reaches Stripe as one meter event, through an outage: while the Stripe stub fails, the
 * circuit opens and the usage stays unreported; once the stub is back, it is reported, exactly once.
 */
class CallUsageIT {

    record MeterEvent(int status, Map<String, String> form, String idempotencyKey) {
    }

    private static final List<MeterEvent> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean FAILING = new AtomicBoolean(true);
    private static HttpServer stripe;

    @BeforeAll
    static void startStub() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getProperty("billhook.stripe.port", "9398"))), 0);
        stripe.createContext("/v1/billing/meter_events", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            int status = FAILING.get() ? 500 : 200;
            RECEIVED.add(new MeterEvent(status, form, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            byte[] body = (status == 200
                    ? "{\"object\":\"billing.meter_event\",\"event_name\":\"" + form.get("event_name") + "\",\"identifier\":\""
                    + form.get("identifier") + "\",\"livemode\":false}"
                    : "{\"error\":{\"type\":\"api_error\",\"message\":\"stub is down\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stripe.start();
    }

    @AfterAll
    static void stopStub() {
        stripe.stop(0);
    }

    @Test
    void usageIsReportedOnceAfterTheCircuitWasOpen() {
        byte[] customer = withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("company 17 has its Stripe customer", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
        String number = "+4989" + (1_000_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 8_999_999L));
        assertEquals(200, send("PUT", "/api/admin/companies/17/phone-numbers/" + number.replace("+", "%2B"), OPERATOR).statusCode());
        String callId = "call_usage_" + UUID.randomUUID();
        assertEquals(200, postRetell(ProviderWebhooksIT.retellEvent("call_ended", callId, "inbound", "+15555550100", number,
                29_500)).statusCode());
        await("the call applied", () -> "PROCESSED".equals(statusOf("retell", callId + ":call_ended")));
        String usageId = Billhook.queryString("SELECT id::text FROM call_usage WHERE call_id = ?", callId);
        String identifier = "billhook-call-usage-" + usageId;

        // the reporter runs every 15 s: three failed calls, then the circuit opens on the next run
        Billhook.await("the circuit to open", () -> String.valueOf(Billhook.queryString(
                "SELECT last_report_error FROM call_usage WHERE id = ?::bigint", usageId)).contains("circuit is open"), 90);
        assertEquals(null, Billhook.queryString("SELECT reported_at::text FROM call_usage WHERE id = ?::bigint", usageId));
        JsonObject unreported = json(send("GET", "/api/admin/companies/17/billing", VIEWER)).getJsonObject("usage");
        assertTrue(unreported.getJsonNumber("unreportedSeconds").longValue() >= 30, unreported.toString());

        FAILING.set(false);
        Billhook.await("the usage reported once the stub is back", () -> Billhook.queryString(
                "SELECT reported_at::text FROM call_usage WHERE id = ?::bigint", usageId) != null, 90);
        List<MeterEvent> accepted = RECEIVED.stream().filter(e -> identifier.equals(e.form().get("identifier")) && e.status() == 200).toList();
        assertEquals(1, accepted.size(), "exactly one meter event billed: " + RECEIVED);
        MeterEvent billed = accepted.get(0);
        assertEquals("30", billed.form().get("payload[value]"));
        assertEquals("cus_i9PZ4egX3JwKQY", billed.form().get("payload[stripe_customer_id]"));
        assertEquals("billhook_call_seconds", billed.form().get("event_name"));
        assertEquals(identifier, billed.idempotencyKey());
        assertTrue(RECEIVED.stream().anyMatch(e -> identifier.equals(e.form().get("identifier")) && e.status() == 500),
                "the outage was real");
        assertTrue(Billhook.get("/metrics").body().lines().anyMatch(line -> line.startsWith("ft_circuitbreaker_opened_total")
                && line.contains("StripeCalls.reportUsage") && !line.endsWith(" 0.0")));
    }
}
