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
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call usage is always billed or visibly not: records that cannot be sent (their company has no Stripe customer)
 * back off on their own and never hold the window of the others (the test server reports 2 records a run), and
 * they show in the billing view, in /metrics and as one alert.
 */
class CallUsageBackoffIT {

    private static HttpServer stripe;

    @BeforeAll
    static void startStub() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getProperty("billhook.stripe.port", "9398"))), 0);
        stripe.createContext("/v1/billing/meter_events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"object\":\"billing.meter_event\",\"livemode\":false}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
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
    void recordsThatCannotBeSentDoNotHoldUpTheOthers() {
        long noCustomer = 3_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000L);
        String theirs = number();
        assertEquals(200, send("PUT", "/api/admin/companies/" + noCustomer + "/phone-numbers/" + theirs.replace("+", "%2B"),
                OPERATOR).statusCode());
        List<String> blocked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blocked.add(endedCall(theirs));
        }
        byte[] customer = withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("company 17 has its Stripe customer", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
        String ours = number();
        assertEquals(200, send("PUT", "/api/admin/companies/17/phone-numbers/" + ours.replace("+", "%2B"), OPERATOR).statusCode());
        String billed = endedCall(ours);

        await("the record behind the failing ones reported", () -> Billhook.queryString(
                "SELECT reported_at::text FROM call_usage WHERE call_id = ?", billed) != null, 60);
        for (String call : blocked) {
            assertTrue(Billhook.queryString("SELECT last_report_error FROM call_usage WHERE call_id = ?", call)
                    .contains("has no Stripe customer"));
            assertEquals("true", Billhook.queryString(
                    "SELECT (next_report_at IS NOT NULL AND report_attempts >= 1)::text FROM call_usage WHERE call_id = ?", call),
                    "it failed and has a time of its own for the next try");
        }
        JsonObject usage = json(send("GET", "/api/admin/companies/" + noCustomer + "/billing", VIEWER)).getJsonObject("usage");
        assertEquals(3, usage.getJsonNumber("unreportedRecords").longValue(), usage.toString());
        assertTrue(usage.getJsonArray("records").stream().map(JsonValue::asJsonObject)
                .allMatch(r -> r.getString("lastReportError", "").contains("has no Stripe customer")), usage.toString());
        String metrics = Billhook.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("billhook_usage_unreported") && !line.endsWith(" 0.0")),
                "the unreported records show in /metrics");
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("billhook_alerts_total")
                && line.contains("usage-unbillable") && !line.endsWith(" 0.0")), "one alert told");
    }

    private static String number() {
        return "+4940" + (1_000_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 8_999_999L));
    }

    private static String endedCall(String number) {
        String callId = "call_backoff_" + UUID.randomUUID();
        assertEquals(200, postRetell(ProviderWebhooksIT.retellEvent("call_ended", callId, "inbound", "+15555550100", number,
                20_000)).statusCode());
        await("the call applied", () -> "PROCESSED".equals(statusOf("retell", callId + ":call_ended")));
        return callId;
    }
}
