package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.send;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin REST API: paging, filters, one event, retries, company billing, and who may do what. */
class AdminApiIT {

    @Test
    void withoutCredentialsOrWithAWrongPasswordItIs401AsAProblem() {
        for (String user : new String[] {null, "it-viewer:wrong", "nobody:nothing"}) {
            HttpResponse<String> response = send("GET", "/api/admin/webhooks", user);
            assertEquals(401, response.statusCode(), String.valueOf(user));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }

    @Test
    void aViewerReadsButMayNotRetry() {
        assertEquals(200, send("GET", "/api/admin/webhooks", VIEWER).statusCode());
        HttpResponse<String> retry = send("POST", "/api/admin/webhooks/retry-failed?dryRun=true", VIEWER);
        assertEquals(403, retry.statusCode());
        assertEquals(403, json(retry).getInt("status"));
        assertEquals(200, send("POST", "/api/admin/webhooks/retry-failed?dryRun=true", OPERATOR).statusCode());
    }

    @Test
    void pagesAreNewestFirstAndStayStableWhileEventsArrive() {
        String type = "it.admin." + freshEventId().substring(7, 15);
        List<Long> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(deliver(type));
        }
        JsonObject first = page("?type=" + type + "&limit=2");
        assertEquals(List.of(stored.get(4), stored.get(3)), ids(first));
        deliver(type); // a newer event must not shift the next page
        JsonObject second = page("?type=" + type + "&limit=2&cursor=" + first.getString("nextCursor"));
        assertEquals(List.of(stored.get(2), stored.get(1)), ids(second));
        JsonObject last = page("?type=" + type + "&limit=2&cursor=" + second.getString("nextCursor"));
        assertEquals(List.of(stored.get(0)), ids(last));
        assertTrue(last.isNull("nextCursor"));
        JsonObject item = first.getJsonArray("items").getJsonObject(0);
        for (String field : List.of("id", "provider", "eventId", "type", "status", "attempts", "receivedAt", "processedAt",
                "processingMillis", "nextAttemptAt", "lastError", "correlationId", "companyId")) {
            assertTrue(item.containsKey(field), field);
        }
    }

    @Test
    void filtersNarrowAndUnknownValuesAre400() {
        String type = "it.admin." + freshEventId().substring(7, 15);
        long id = deliver(type);
        await("ignored", () -> "IGNORED".equals(Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", id)));
        assertEquals(List.of(id), ids(page("?type=" + type + "&status=ignored&provider=stripe&since=1h")));
        assertEquals(List.of(), ids(page("?type=" + type + "&status=failed")));
        for (String bad : List.of("status=bogus", "provider=paypal", "since=yesterday", "limit=0", "limit=501", "cursor=abc")) {
            HttpResponse<String> response = send("GET", "/api/admin/webhooks?" + bad, VIEWER);
            assertEquals(400, response.statusCode(), bad);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), bad);
        }
    }

    @Test
    void oneEventShowsItsPayloadAndAttempts() {
        String type = "it.admin." + freshEventId().substring(7, 15);
        long id = deliver(type);
        await("ignored", () -> "IGNORED".equals(Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", id)));
        JsonObject event = json(send("GET", "/api/admin/webhooks/" + id, VIEWER));
        assertEquals(id, event.getJsonNumber("id").longValue());
        assertEquals(type, event.getJsonObject("payload").getString("type"));
        JsonArray attempts = event.getJsonArray("attemptsHistory");
        assertEquals(1, attempts.size());
        assertEquals("IGNORED", attempts.getJsonObject(0).getString("outcome"));
        assertEquals(404, send("GET", "/api/admin/webhooks/999999999", VIEWER).statusCode());
    }

    @Test
    void retryingRequeuesOrRefusesWhatIsDone() {
        String eventId = freshEventId();
        String productAsCustomer = new String(read(Billhook.EVENTS.resolve("product.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"product.created\"", "\"type\": \"customer.created\"");
        assertEquals(200, postStripe(withFreshId(productAsCustomer.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        await("failed", () -> "FAILED".equals(status(eventId)));
        long failed = Long.parseLong(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", eventId));

        JsonObject dry = json(send("POST", "/api/admin/webhooks/retry-failed?type=customer.created&dryRun=true", OPERATOR));
        assertTrue(dry.getBoolean("dryRun"));
        assertTrue(idsOf(dry.getJsonArray("ids")).contains(failed));
        assertEquals("FAILED", status(eventId), "a dry run changes nothing");
        assertEquals("requeue", dry.getJsonArray("events").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonNumber("id").longValue() == failed).findFirst().orElseThrow().getString("action"));

        HttpResponse<String> retried = send("POST", "/api/admin/webhooks/" + failed + "/retry", OPERATOR);
        assertEquals(202, retried.statusCode(), retried.body());
        await("failed again after the retry", () -> Billhook.count(
                "SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", failed) == 2 && "FAILED".equals(status(eventId)));

        JsonObject bulk = json(send("POST", "/api/admin/webhooks/retry-failed?type=customer.created", OPERATOR));
        assertFalse(bulk.getBoolean("dryRun"));
        assertTrue(idsOf(bulk.getJsonArray("ids")).contains(failed));
        assertEquals(bulk.getInt("matched"), bulk.getInt("requeued"));

        String done = freshEventId();
        assertEquals(200, postStripe(withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), done)).statusCode());
        await("processed", () -> "PROCESSED".equals(status(done)));
        long processed = Long.parseLong(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", done));
        assertEquals(409, send("POST", "/api/admin/webhooks/" + processed + "/retry", OPERATOR).statusCode());
        assertEquals(202, send("POST", "/api/admin/webhooks/" + processed + "/retry?force=true", OPERATOR).statusCode());
        await("processed again", () -> Billhook.count("SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", processed) == 2
                && "PROCESSED".equals(status(done)));
        assertEquals(404, send("POST", "/api/admin/webhooks/999999999/retry", OPERATOR).statusCode());
    }

    @Test
    void aCompanysBillingShowsItsStripeObjects() {
        byte[] customer = withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("linked", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
        byte[] charge = withFreshId(read(Billhook.EVENTS.resolve("charge.failed.json")), freshEventId());
        assertEquals(200, postStripe(charge).statusCode());
        await("charge applied", () -> "PROCESSED".equals(status(Billhook.eventId(charge))));

        JsonObject billing = json(send("GET", "/api/admin/companies/17/billing", VIEWER));
        assertEquals(17, billing.getJsonObject("company").getInt("id"));
        for (String part : List.of("subscriptions", "billingPeriods", "invoices", "charges")) {
            assertNotNull(billing.getJsonArray(part), part);
        }
        JsonObject failedCharge = billing.getJsonArray("charges").stream().map(JsonValue::asJsonObject)
                .filter(c -> "ch_3Iwouy2eC3uLkQFzM6BoDUyE".equals(c.getString("stripeChargeId"))).findFirst().orElseThrow();
        assertEquals("failed", failedCharge.getString("status"));
        assertEquals(19900, failedCharge.getInt("amount"));
        assertEquals("USD", failedCharge.getString("currency"));
        assertEquals("card_declined", failedCharge.getString("failureCode"));
        assertEquals(404, send("GET", "/api/admin/companies/987654321/billing", VIEWER).statusCode());
    }

    @Test
    void quarantinedEventsCanBeResolvedAgainInBulk() {
        String customer = "cus_bulk" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String eventId = freshEventId();
        String invoice = new String(read(Billhook.EVENTS.resolve("invoice.paid.json")), StandardCharsets.UTF_8)
                .replace("cus_i9PZ4egX3JwKQY", customer);
        assertEquals(200, postStripe(withFreshId(invoice.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        await("quarantined", () -> "QUARANTINED".equals(status(eventId)));
        long id = Long.parseLong(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", eventId));

        JsonObject dry = json(send("POST", "/api/admin/webhooks/retry-failed?status=quarantined&dryRun=true", OPERATOR));
        assertTrue(dry.getJsonArray("ids").stream().anyMatch(v -> v.toString().equals(Long.toString(id))), dry.toString());
        assertEquals("QUARANTINED", status(eventId), "a dry run changes nothing");
        JsonObject done = json(send("POST", "/api/admin/webhooks/retry-failed?status=quarantined&type=invoice.paid", OPERATOR));
        assertTrue(done.getJsonArray("ids").stream().anyMatch(v -> v.toString().equals(Long.toString(id))), done.toString());
        await("resolved again, and quarantined again: its customer is still unknown", () -> "QUARANTINED".equals(status(eventId))
                && "2".equals(Billhook.queryString("SELECT attempts::text FROM webhook_event WHERE id = ?", id)));
        assertEquals(400, send("POST", "/api/admin/webhooks/retry-failed?status=processed", OPERATOR).statusCode());
    }

    @Test
    void repeatedWrongPasswordsLockThatUserOutFromThatAddressForAWhile() {
        String user = VIEWER.substring(0, VIEWER.indexOf(':'));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send("GET", "/api/admin/webhooks/stats", user + ":wrong-" + i).statusCode());
        }
        assertEquals(401, send("GET", "/api/admin/webhooks/stats", VIEWER).statusCode(),
                "locked: the right password is refused too, so guessing learns nothing");
        assertEquals(200, send("GET", "/api/admin/webhooks/stats", OPERATOR).statusCode(), "another user is not locked out");
        await("the lockout (3 s on the test server) to pass",
                () -> send("GET", "/api/admin/webhooks/stats", VIEWER).statusCode() == 200);
    }

    @Test
    void aChangeThatCouldComeFromAnotherSiteIsRefused() throws Exception {
        String path = "/api/admin/webhooks/retry-failed?dryRun=true";
        HttpResponse<String> bare = change(path, Map.of());
        assertEquals(403, bare.statusCode(), bare.body());
        assertEquals("/problems/cross-site-request", json(bare).getString("type"));
        HttpResponse<String> foreign = change(path, Map.of("X-Requested-By", "x", "Origin", "http://evil.example"));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals(200, change(path, Map.of("X-Requested-By", "a script")).statusCode());
        assertEquals(200, change(path, Map.of("Content-Type", "application/json")).statusCode());
        assertEquals(200, change(path, Map.of("X-Requested-By", "x", "Origin", Billhook.BASE.toString().replaceAll("/$", "")))
                .statusCode(), "the API's own origin");
    }

    private static HttpResponse<String> change(String path, Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(Billhook.BASE.resolve(path))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(OPERATOR.getBytes(StandardCharsets.UTF_8)));
        headers.forEach(request::header);
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsWorksAndOpenApiDescribesTheApi() throws Exception {
        String openapi = send("GET", "/openapi", null).body();
        for (String path : List.of("/api/admin/webhooks", "/api/admin/webhooks/{id}", "/api/admin/webhooks/{id}/retry",
                "/api/admin/webhooks/retry-failed", "/api/admin/webhooks/stats", "/api/admin/companies/{id}/billing")) {
            assertTrue(openapi.contains(path + ":"), path);
        }
        assertTrue(openapi.contains("/api/admin/catalogue:"), "the catalogue is described");
        // the read models the EJB module's boundaries return have their schemas, and the admin API its security
        for (String schema : List.of("WebhookPage", "WebhookSummary", "RetryReport", "CompanyBillingView", "CatalogueEntry")) {
            assertTrue(openapi.lines().anyMatch(line -> line.equals("    " + schema + ":")), schema + " has a schema");
        }
        assertTrue(openapi.contains("scheme: basic"), "the Basic security scheme is described");
        javax.net.ssl.SSLContext trustAll = Billhook.trustingEveryCertificate();
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(trustAll).build();
        HttpResponse<String> response = https.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(System.getProperty("billhook.https.url", "https://localhost:9543") + "/api/admin/webhooks/stats"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(VIEWER.getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    private static long deliver(String type) {
        String eventId = freshEventId();
        byte[] event = withFreshId(new String(read(Billhook.EVENTS.resolve("price.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"price.created\"", "\"type\": \"" + type + "\"").getBytes(StandardCharsets.UTF_8), eventId);
        HttpResponse<String> response = postStripe(event);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getJsonNumber("id").longValue();
    }

    private static JsonObject page(String query) {
        HttpResponse<String> response = send("GET", "/api/admin/webhooks" + query, VIEWER);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    private static Set<Long> idsOf(JsonArray ids) {
        Set<Long> set = new HashSet<>();
        ids.forEach(v -> set.add(Long.parseLong(v.toString())));
        return set;
    }
}
