package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.send;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.Cli.Run;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code stripe reconcile} against a stub of Stripe's invoice and subscription lists: a planted drift is found and,
 * with repair, removed, except where the local state is ahead (a paid invoice Stripe lists as open), which is kept;
 * an invoice Stripe does not list is reported and left alone.
 */
class ReconcileIT {

    /** What the stub lists, per customer and path ({@code /v1/invoices}, {@code /v1/subscriptions}). */
    private static final Map<String, List<JsonObject>> LISTED = new ConcurrentHashMap<>();
    private static HttpServer stripe;

    @BeforeAll
    static void startStripe() throws IOException {
        stripe = ApiStub.start(Map.of("/v1/invoices", ReconcileIT::list, "/v1/subscriptions", ReconcileIT::list));
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop(0);
    }

    @Test
    void aPlantedDriftIsFoundAndRepairedWithoutMovingANewerLocalStateBack() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String customer = "cus_rec" + run;
        String subscription = "sub_rec" + run;
        long company = 700_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        Billhook.execute("INSERT INTO company (id, name) VALUES (?, 'Reconcile AG')", company);
        Billhook.execute("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?, ?)", customer, company);
        String behind = "in_recbehind" + run;   // open here, paid at Stripe: repaired
        String ahead = "in_recahead" + run;     // paid here, listed open: kept
        String missing = "in_recmissing" + run; // only at Stripe: repaired
        String onlyHere = "in_reconly" + run;   // only here: reported
        deliver("invoice.finalized.json", customer, subscription, behind);
        deliver("invoice.paid.json", customer, subscription, ahead);
        deliver("invoice.finalized.json", customer, subscription, onlyHere);
        LISTED.put(customer + " /v1/invoices", List.of(object("invoice.paid.json", customer, subscription, behind),
                object("invoice.finalized.json", customer, subscription, ahead),
                object("invoice.paid.json", customer, subscription, missing)));
        LISTED.put(customer + " /v1/subscriptions", List.of(object("customer.subscription.updated.json", customer,
                subscription, null)));

        JsonObject dry = reconcile("{\"company\":" + company + "}");
        assertEquals(1, dry.getInt("customers"));
        assertEquals(3, dry.getInt("invoices"));
        assertEquals(1, dry.getInt("subscriptions"));
        Map<String, JsonObject> drifts = drifts(dry);
        assertEquals(Map.of(behind, "DIFFERENT", ahead, "DIFFERENT", missing, "MISSING_LOCALLY", onlyHere, "MISSING_AT_STRIPE",
                subscription, "MISSING_LOCALLY"), drifts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getString("drift"))), dry.toString());
        assertEquals(Map.of("status", "open paid", "amount_paid", "0 19900", "amount_remaining", "19900 0", "attempt_count", "0 2"),
                fields(drifts.get(behind)), "each differing field with both values");
        assertEquals("OPEN", invoiceStatus(behind), "a reconciliation without repair changes nothing");
        assertEquals(0, Billhook.count("SELECT count(*) FROM invoice WHERE stripe_invoice_id = ?", missing));

        JsonObject repaired = reconcile("{\"company\":" + company + ",\"repair\":true}");
        Map<String, String> outcomes = drifts(repaired).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getString("repair")));
        assertEquals(Map.of(behind, "REPAIRED", ahead, "KEPT", missing, "REPAIRED", onlyHere, "NONE", subscription, "REPAIRED"),
                outcomes, repaired.toString());
        assertEquals(3, repaired.getInt("repaired"));
        assertEquals(1, repaired.getInt("kept"));
        assertEquals("PAID", invoiceStatus(behind));
        assertEquals("19900", Billhook.queryString("SELECT amount_paid::text FROM invoice WHERE stripe_invoice_id = ?", behind));
        assertEquals("PAID", invoiceStatus(ahead), "a paid invoice is never moved back to open");
        assertEquals("PAID", invoiceStatus(missing));
        assertEquals(Long.toString(company), Billhook.queryString(
                "SELECT company_id::text FROM subscription WHERE stripe_subscription_id = ?", subscription));
        assertEquals("OPEN", invoiceStatus(onlyHere), "nothing is deleted");

        Run cli = Cli.cli(OPERATOR, "stripe", "reconcile", "--company", Long.toString(company), "--objects", "invoices");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("2 drift(s)") && cli.out().matches("(?s).*DIFFERENT\\s+invoice\\s+" + ahead + ".*")
                && cli.out().matches("(?s).*MISSING_AT_STRIPE\\s+invoice\\s+" + onlyHere + ".*")
                && cli.out().matches("(?s).*status\\s+here paid, Stripe open.*"), cli.out());
        assertEquals("", cli.err(), "no progress line when standard error is no terminal");
        Run asJson = Cli.cli(OPERATOR, "stripe", "reconcile", "--company", Long.toString(company), "--json");
        assertEquals(0, asJson.exit(), asJson.err());
        assertEquals(2, Json.createReader(new StringReader(asJson.out())).readObject().getJsonArray("drifts").size());
    }

    @Test
    void badOrdersAreRefusedWithAProblem() {
        HttpResponse<String> unknownKind = send("POST", "/api/admin/stripe/reconcile", OPERATOR, "{\"objects\":[\"charges\"]}");
        assertEquals(400, unknownKind.statusCode(), unknownKind.body());
        assertTrue(unknownKind.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, send("POST", "/api/admin/stripe/reconcile", OPERATOR, "{\"company\":987654321}").statusCode());
        assertEquals(403, send("POST", "/api/admin/stripe/reconcile", VIEWER, "{}").statusCode());
        Run cli = Cli.cli(OPERATOR, "stripe", "reconcile", "--objects", "charges");
        assertEquals(1, cli.exit());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }

    private static JsonObject reconcile(String order) {
        HttpResponse<String> answer = send("POST", "/api/admin/stripe/reconcile", OPERATOR, order);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    private static Map<String, JsonObject> drifts(JsonObject report) {
        return report.getJsonArray("drifts").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(drift -> drift.getString("id"), drift -> drift));
    }

    private static Map<String, String> fields(JsonObject drift) {
        return drift.getJsonArray("fields").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(field -> field.getString("field"),
                        field -> field.getString("local") + " " + field.getString("stripe")));
    }

    private static String invoiceStatus(String invoice) {
        return Billhook.queryString("SELECT status FROM invoice WHERE stripe_invoice_id = ?", invoice);
    }

    /** A corpus event about this customer, subscription and invoice, delivered and applied. */
    private static void deliver(String file, String customer, String subscription, String invoice) {
        String eventId = freshEventId();
        byte[] event = Billhook.corpusAbout(file, customer, subscription, invoice).getBytes(StandardCharsets.UTF_8);
        assertEquals(200, postStripe(withFreshId(event, eventId)).statusCode());
        await(file + " applied", () -> "PROCESSED".equals(status(eventId)));
    }

    /** The corpus event's object as Stripe would list it now. */
    private static JsonObject object(String file, String customer, String subscription, String invoice) {
        return Json.createReader(new StringReader(Billhook.corpusAbout(file, customer, subscription, invoice))).readObject()
                .getJsonObject("data").getJsonObject("object");
    }


    /** {@code GET /v1/invoices?customer=…} and {@code /v1/subscriptions?customer=…}: one page of what is listed. */
    private static void list(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
        String customer = java.util.Arrays.stream(query.split("&")).filter(pair -> pair.startsWith("customer="))
                .map(pair -> pair.substring("customer=".length())).findFirst().orElse("");
        JsonArrayBuilder data = Json.createArrayBuilder();
        LISTED.getOrDefault(customer + " " + exchange.getRequestURI().getPath(), List.of()).forEach(data::add);
        byte[] body = Json.createObjectBuilder().add("object", "list").add("url", exchange.getRequestURI().getPath())
                .add("data", data).add("has_more", false).build().toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
