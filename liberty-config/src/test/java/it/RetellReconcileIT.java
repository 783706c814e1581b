package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.await;
import static it.Billhook.json;
import static it.Billhook.postRetell;
import static it.Billhook.send;
import static it.Billhook.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.Cli.Run;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code retell reconcile} against a stub of Retell's {@code POST /v2/list-calls}: a call no webhook brought gets its
 * call record and its usage once, a call delivered by webhook stays one row per event, and a call still going on is
 * left to its webhooks.
 */
class RetellReconcileIT {

    private static final List<JsonObject> LISTED = new CopyOnWriteArrayList<>();
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private static HttpServer retell;

    @BeforeAll
    static void startRetell() throws IOException {
        retell = ApiStub.start(Map.of("/v2/list-calls", RetellReconcileIT::listCalls));
    }

    @AfterAll
    static void stopRetell() {
        retell.stop(0);
    }

    @Test
    void aCallNoWebhookBroughtIsStoredAndBilledOnce() {
        long company = 600_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        String number = "+4940" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        HttpResponse<String> assigned = send("PUT", "/api/admin/companies/" + company + "/phone-numbers/"
                + number.replace("+", "%2B"), OPERATOR);
        assertEquals(200, assigned.statusCode(), assigned.body());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String delivered = "call_recdelivered_" + run;
        String missed = "call_recmissed_" + run;
        String ongoing = "call_recongoing_" + run;
        assertEquals(200, postRetell(ProviderWebhooksIT.retellEvent("call_ended", delivered, "inbound", "+15555550100",
                number, 30_000)).statusCode());
        await("the delivered call applied", () -> "PROCESSED".equals(statusOf("retell", delivered + ":call_ended")));
        LISTED.add(call("call_analyzed", delivered, number, 30_000));
        LISTED.add(call("call_analyzed", missed, number, 45_000));
        LISTED.add(call("call_started", ongoing, number, 10_000));

        Run cli = Cli.cli(OPERATOR, "retell", "reconcile", "--since", "1h");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("no webhook had brought " + missed) && !cli.out().contains(delivered), cli.out());
        assertTrue(ASKED.get(ASKED.size() - 1).contains("lower_threshold"), ASKED.toString());

        await("the missed call applied", () -> "PROCESSED".equals(statusOf("retell", missed + ":call_ended"))
                && "PROCESSED".equals(statusOf("retell", missed + ":call_analyzed")));
        await("the delivered call analysed", () -> "PROCESSED".equals(statusOf("retell", delivered + ":call_analyzed")));
        assertEquals(company + " 45000", Billhook.queryString(
                "SELECT company_id || ' ' || duration_ms FROM call WHERE call_id = ?", missed));
        for (String call : List.of(delivered, missed)) {
            assertEquals(1, Billhook.count("SELECT count(*) FROM call_usage WHERE call_id = ?", call), call + " billed once");
            assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_event WHERE provider = 'retell' AND provider_event_id = ?",
                    call + ":call_ended"), call + " is one row");
        }
        assertEquals("backfill", Billhook.queryString(
                "SELECT source FROM webhook_event WHERE provider = 'retell' AND provider_event_id = ?", missed + ":call_ended"));
        assertEquals("webhook", Billhook.queryString(
                "SELECT source FROM webhook_event WHERE provider = 'retell' AND provider_event_id = ?", delivered + ":call_ended"));
        assertEquals(0, Billhook.count("SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ?", ongoing + ":%"),
                "a call still going on is left to its webhooks");

        JsonObject again = json(send("POST", "/api/admin/retell/reconcile", OPERATOR, "{\"since\":\"1h\"}"));
        assertEquals(0, again.getInt("stored"), again.toString());
        assertEquals(4, again.getInt("alreadyStored"), again.toString());
        assertEquals(1, again.getInt("notEnded"));
        assertEquals(1, Billhook.count("SELECT count(*) FROM call_usage WHERE call_id = ?", missed), "still billed once");

        HttpResponse<String> noSince = send("POST", "/api/admin/retell/reconcile", OPERATOR, "{}");
        assertEquals(400, noSince.statusCode());
        assertTrue(noSince.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /** A call as Retell lists it: the call of the webhook event of that name. */
    private static JsonObject call(String event, String callId, String number, long durationMs) {
        String body = new String(ProviderWebhooksIT.retellEvent(event, callId, "inbound", "+15555550100", number, durationMs),
                StandardCharsets.UTF_8);
        JsonObject call = Json.createReader(new StringReader(body)).readObject().getJsonObject("call");
        return "call_started".equals(event) ? Json.createObjectBuilder(call).remove("call_analysis").build() : call;
    }

    private static void listCalls(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ASKED.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        boolean authorized = ("Bearer " + Billhook.RETELL_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonArrayBuilder calls = Json.createArrayBuilder();
        LISTED.forEach(calls::add);
        byte[] body = (authorized ? calls.build().toString() : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
