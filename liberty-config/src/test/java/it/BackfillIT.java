package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.finished;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.Cli.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's Events API as a stub on loopback (the server's STRIPE_API_BASE), with paging, {@code type} families,
 * {@code delivery_success} and one 429: a backfill after a simulated outage stores exactly the events that are
 * missing, each applied once, and those delivered by webhook meanwhile stay one row; a dry run stores nothing.
 */
class BackfillIT {

    private static final List<JsonObject> EVENTS = new CopyOnWriteArrayList<>();
    private static final Set<String> UNDELIVERED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    /**
     * Requests of the Events API to refuse with 429 and a Retry-After of 3 s before answering again: longer than the
     * backfill's own first wait (1 s), so that the wait shows whether Stripe's was honoured.
     */
    private static final AtomicInteger REFUSE = new AtomicInteger();
    /** When the stub last refused a page, and when it was asked for a page next (epoch millis). */
    private static final AtomicLong REFUSED_AT = new AtomicLong();
    private static final AtomicLong ASKED_AGAIN_AT = new AtomicLong();
    /** How long the stub takes for a page. */
    private static volatile long pageMillis;
    private static HttpServer stripe;

    @BeforeAll
    static void startStripe() throws IOException {
        stripe = ApiStub.start(Map.of("/v1/events", BackfillIT::list));
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop(0);
    }

    @Test
    void aBackfillStoresWhatIsMissingOnceAndADryRunStoresNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String file = i % 5 == 0 ? "product.created.json" : "price.created.json";
            events.add(event(file, "evt_bf" + run + "_" + i, Instant.now().minusSeconds(3600 - i)));
        }
        // Stripe lists newest first; the first 50 arrived by webhook before the outage
        for (int i = events.size() - 1; i >= 0; i--) {
            EVENTS.add(Json.createReader(new StringReader(new String(events.get(i), StandardCharsets.UTF_8))).readObject());
        }
        List<String> ids = events.stream().map(Billhook::eventId).toList();
        for (int i = 0; i < 50; i++) {
            assertEquals(200, postStripe(events.get(i)).statusCode());
        }

        JsonObject dry = json(backfill("{\"since\":\"2h\",\"dryRun\":true,\"types\":[\"price.*\",\"product.created\"]}", 200));
        assertEquals(250, dry.getInt("fetched"));
        assertEquals(50, dry.getInt("alreadyStored"));
        assertEquals(200, dry.getInt("missing"));
        assertEquals(Map.of("price.created", 160, "product.created", 40), counts(dry.getJsonObject("missingByType")));
        assertEquals(50, stored(ids), "a dry run stores nothing");
        List<JsonObject> previews = dry.getJsonArray("previews").stream().map(JsonValue::asJsonObject).toList();
        assertEquals(ids.subList(50, 70), previews.stream().map(preview -> preview.getString("eventId")).toList(),
                "the oldest missing events are run through their handlers");
        assertEquals("product.created", previews.get(0).getString("type"));
        assertTrue(previews.stream().allMatch(preview -> preview.getJsonObject("effects").containsKey("verdict")), dry.toString());

        REFUSE.set(1);
        HttpResponse<String> started = backfill("{\"since\":\"2h\",\"types\":[\"price.*\",\"product.created\"]}", 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        // ten of the missing arrive by webhook while the backfill runs: one row each, whoever comes first
        for (int i = 50; i < 60; i++) {
            assertEquals(200, postStripe(events.get(i)).statusCode());
        }
        String path = java.net.URI.create(location).getPath();
        await("the backfill finished", () -> !"RUNNING".equals(json(Billhook.get(path)).getString("status")), 120);
        JsonObject done = json(Billhook.get(path));
        assertEquals("FINISHED", done.getString("status"), done.toString());
        assertEquals(250, done.getInt("fetched"));
        assertEquals(250, done.getInt("stored") + done.getInt("alreadyStored"));
        assertTrue(done.getInt("stored") >= 190 && done.getInt("stored") <= 200, done.toString());
        assertEquals(0, REFUSE.get(), "Stripe refused a page with 429, and the backfill asked again");
        assertTrue(ASKED_AGAIN_AT.get() - REFUSED_AT.get() >= 2_900, "asked again after the Retry-After of 3 s, not after its"
                + " own 1 s: " + (ASKED_AGAIN_AT.get() - REFUSED_AT.get()) + " ms");

        assertEquals(250, stored(ids), "every event one row");
        assertEquals(done.getInt("stored"), count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?)"
                + " AND source = 'backfill'", (Object) ids.toArray(String[]::new)));
        assertEquals(50, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?) AND source = 'webhook'",
                (Object) ids.subList(0, 50).toArray(String[]::new)), "the first 50 came by webhook");
        assertAppliedOnce(ids);
        assertTrue(QUERIES.stream().anyMatch(q -> q.contains("type=price.*") && q.contains("created[gte]=")), QUERIES.toString());
        assertTrue(QUERIES.stream().anyMatch(q -> q.contains("starting_after=")), "paged: " + QUERIES);

        // the API says where an event came from: the first by webhook, the last (never delivered) by the backfill
        assertEquals("webhook", json(Billhook.get("/api/admin/webhooks/" + Billhook.queryString(
                "SELECT id::text FROM webhook_event WHERE provider_event_id = ?", ids.get(0)))).getString("source"));
        assertEquals("backfill", json(Billhook.get("/api/admin/webhooks/" + Billhook.queryString(
                "SELECT id::text FROM webhook_event WHERE provider_event_id = ?", ids.get(249)))).getString("source"));

        // and so do the statistics, counted against the rows of this run (received since the first of them)
        String since = Billhook.queryString("SELECT to_char(min(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM webhook_event WHERE provider_event_id = ANY (?)", (Object) ids.toArray(String[]::new));
        JsonObject statistics = json(Billhook.get("/api/admin/webhooks/stats?provider=stripe&since=" + since));
        long truth = count("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND source = 'backfill'"
                + " AND received_at >= ?::timestamptz", since);
        assertTrue(truth >= done.getInt("stored"), "this run's are among them");
        assertEquals(truth, statistics.getJsonNumber("backfilled").longValue(), statistics.toString());
        assertEquals(truth, statistics.getJsonObject("byProvider").getJsonObject("stripe").getJsonNumber("backfilled")
                .longValue());
        assertEquals(count("SELECT count(*) FROM webhook_event WHERE event_type = 'product.created' AND source = 'backfill'"
                + " AND received_at >= ?::timestamptz", since), statistics.getJsonObject("byType")
                .getJsonObject("product.created").getJsonNumber("backfilled").longValue());
    }

    @Test
    void theCliFollowsABackfillOfUndeliveredEventsAndRefusesWhatStripeCannotAnswer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] delivered = event("plan.created.json", "evt_bfcli" + run + "_d", Instant.now().minusSeconds(60));
        byte[] undelivered = event("plan.created.json", "evt_bfcli" + run + "_u", Instant.now().minusSeconds(30));
        for (byte[] event : List.of(delivered, undelivered)) {
            EVENTS.add(0, Json.createReader(new StringReader(new String(event, StandardCharsets.UTF_8))).readObject());
        }
        UNDELIVERED.add(Billhook.eventId(undelivered));

        Run dry = Cli.cli(OPERATOR, "stripe", "backfill", "--since", "10m", "--types", "plan.created", "--undelivered-only",
                "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains(Billhook.eventId(undelivered)) && !dry.out().contains(Billhook.eventId(delivered)),
                dry.out());

        Run real = Cli.cli(OPERATOR, "stripe", "backfill", "--since", "10m", "--types", "plan.created", "--undelivered-only");
        assertEquals(0, real.exit(), real.err());
        assertTrue(real.out().contains("FINISHED"), real.out());
        assertEquals(1, stored(List.of(Billhook.eventId(undelivered), Billhook.eventId(delivered))),
                "only the undelivered one is fetched");
        assertEquals("backfill", Billhook.queryString("SELECT source FROM webhook_event WHERE provider_event_id = ?",
                Billhook.eventId(undelivered)));

        Run tooOld = Cli.cli(OPERATOR, "stripe", "backfill", "--since", "31d");
        assertEquals(1, tooOld.exit());
        assertTrue(tooOld.err().contains("30 days"), tooOld.err());
        assertEquals(1, tooOld.err().strip().lines().count(), tooOld.err());
        Run viewer = Cli.cli(Billhook.VIEWER, "stripe", "backfill", "--since", "1h");
        assertTrue(viewer.exit() != 0, "a viewer starts no backfill: " + viewer.err());
        HttpResponse<String> badType = send("POST", "/api/admin/stripe/backfill", OPERATOR, "{\"since\":\"1h\",\"types\":[\"Invoice Paid\"]}");
        assertEquals(400, badType.statusCode());
        assertTrue(badType.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /**
     * The scheduled reconciliation, on a server of its own that reconciles every 2 s: events Stripe created minutes
     * ago that never arrived are stored from the Events API, and the alert says the webhooks are not arriving.
     */
    @Test
    void theReconciliationStoresWhatNeverArrivedAndAlerts() throws Exception {
        List<JsonObject> alerts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            alerts.add(Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8))).readObject());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] event = event("plan.created.json", "evt_bfrec" + run + "_" + i, Instant.now().minusSeconds(300));
            EVENTS.add(0, Json.createReader(new StringReader(new String(event, StandardCharsets.UTF_8))).readObject());
            missed.add(Billhook.eventId(event));
        }
        ServerProcess reconciling = ServerProcess.besideUnderTest("billhook-reconciling", java.net.URI.create(
                "http://localhost:9193"), Map.of("BILLHOOK_HTTP_PORT", "9193", "BILLHOOK_HTTPS_PORT", "9555",
                "BILLHOOK_JMS_PORT", "7398", "BILLHOOK_JMS_SSL_PORT", "7408", "BILLHOOK_STRIPE_RECONCILE_INTERVAL", "2s",
                "BILLHOOK_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts"));
        try {
            reconciling.start();
            await("the missed events stored", () -> stored(missed) == 3, 60);
            await("the events-missed alert", () -> alerts.stream().anyMatch(a -> "events-missed".equals(a.getString("condition", null))));
            assertEquals(3, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?) AND source = 'backfill'",
                    (Object) missed.toArray(String[]::new)));
            assertAppliedOnce(missed);
        } finally {
            reconciling.killIfRunning();
            receiver.stop(0);
        }
        assertTrue(count("SELECT count(*) FROM stripe_backfill WHERE scheduled AND status = 'FINISHED'") >= 1);
    }

    /** The server killed with {@code kill -9} mid-backfill resumes the run where it stood after its restart. */
    @Test
    void aBackfillInterruptedByAKillResumesWhereItStood() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<JsonObject> newestFirst = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            JsonObject event = Json.createReader(new StringReader(new String(event("plan.created.json",
                    "evt_bfkill" + run + "_" + i, Instant.now().minusSeconds(1200 - i)), StandardCharsets.UTF_8))).readObject();
            newestFirst.add(0, Json.createObjectBuilder(event).add("type", "plan.updated").build());
            ids.add(event.getString("id"));
        }
        EVENTS.addAll(newestFirst);
        pageMillis = 500;
        long id;
        int queriesBeforeKill;
        try {
            id = json(backfill("{\"since\":\"30m\",\"types\":[\"plan.updated\"]}", 202)).getJsonNumber("id").longValue();
            await("two pages stored", () -> count("SELECT fetched FROM stripe_backfill WHERE id = ?", id) >= 200);
            ServerProcess.UNDER_TEST.kill();
            queriesBeforeKill = QUERIES.size();
            ServerProcess.UNDER_TEST.start();
        } finally {
            pageMillis = 0;
        }
        await("the resumed backfill finished", () -> "FINISHED".equals(
                Billhook.queryString("SELECT status FROM stripe_backfill WHERE id = ?", id)), 120);
        List<String> after = QUERIES.subList(queriesBeforeKill, QUERIES.size()).stream()
                .filter(q -> q.contains("type=plan.updated")).toList();
        assertTrue(!after.isEmpty() && after.get(0).contains("starting_after=evt_bfkill"),
                "resumed from its position, not from the newest event: " + after);
        assertTrue(after.size() < 5, "pages fetched again after the restart: " + after.size());
        assertEquals(500, stored(ids), "every event one row");
        assertAppliedOnce(ids);
    }

    /** Every event finished, and applied exactly once. */
    private static void assertAppliedOnce(List<String> ids) {
        for (String id : ids) {
            await(id + " finished", () -> finished(id));
        }
        assertEquals(ids.size(), count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ANY (?) AND a.outcome IN ('PROCESSED', 'IGNORED')""",
                (Object) ids.toArray(String[]::new)), "each applied once");
    }

    private static HttpResponse<String> backfill(String order, int expected) {
        HttpResponse<String> answer = send("POST", "/api/admin/stripe/backfill", OPERATOR, order);
        assertEquals(expected, answer.statusCode(), answer.body());
        return answer;
    }

    private static long stored(List<String> ids) {
        return count("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ANY (?)",
                (Object) ids.toArray(String[]::new));
    }

    private static Map<String, Integer> counts(JsonObject counts) {
        Map<String, Integer> plain = new HashMap<>();
        counts.forEach((type, count) -> plain.put(type, ((jakarta.json.JsonNumber) count).intValue()));
        return plain;
    }

    /** A corpus event under a new id and creation time, as Stripe would list it. */
    private static byte[] event(String file, String id, Instant created) {
        JsonObject corpus = Json.createReader(new StringReader(new String(read(Billhook.EVENTS.resolve(file)),
                StandardCharsets.UTF_8))).readObject();
        return Json.createObjectBuilder(corpus).add("id", id).add("created", created.getEpochSecond()).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code GET /v1/events}: newest first, {@code limit}, {@code created[gte]}, {@code type}, paging, undelivered. */
    private static void list(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        QUERIES.add(query);
        try {
            Thread.sleep(pageMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (REFUSED_AT.get() > 0 && ASKED_AGAIN_AT.get() == 0) {
            ASKED_AGAIN_AT.set(System.currentTimeMillis());
        }
        if (query.contains("starting_after=") && REFUSE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            REFUSED_AT.set(System.currentTimeMillis());
            answer(exchange, 429, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\"}}", "3");
            return;
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        int limit = Integer.parseInt(params.getOrDefault("limit", "10"));
        long since = Long.parseLong(params.getOrDefault("created[gte]", "0"));
        String type = params.get("type");
        boolean undeliveredOnly = "false".equals(params.get("delivery_success"));
        List<JsonObject> matching = EVENTS.stream()
                .filter(e -> e.getJsonNumber("created").longValue() >= since)
                .filter(e -> type == null || (type.endsWith(".*") ? e.getString("type").startsWith(type.substring(0, type.length() - 1))
                        : e.getString("type").equals(type)))
                .filter(e -> !undeliveredOnly || UNDELIVERED.contains(e.getString("id")))
                .toList();
        int from = 0;
        if (params.containsKey("starting_after")) {
            String after = params.get("starting_after");
            from = 1 + matching.stream().map(e -> e.getString("id")).toList().indexOf(after);
        }
        List<JsonObject> page = matching.subList(from, Math.min(matching.size(), from + limit));
        var data = Json.createArrayBuilder();
        page.forEach(data::add);
        answer(exchange, 200, Json.createObjectBuilder().add("object", "list").add("url", "/v1/events").add("data", data)
                .add("has_more", from + limit < matching.size()).build().toString(), null);
    }

    private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
