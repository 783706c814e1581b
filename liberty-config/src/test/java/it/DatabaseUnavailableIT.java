package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the running server (new connections refused, pooled ones killed):
 * deliveries are answered 503, never 2xx, and once it is back they are stored and processed again.
 */
class DatabaseUnavailableIT {

    @Test
    void deliveriesGet503WhileTheDatabaseIsUnreachableAndSucceedOnceItIsBack() throws Exception {
        // what other tests delivered is processed first: this test takes the database away from everything
        await("no event waiting", () -> Billhook.count("SELECT count(*) FROM webhook_event WHERE status = 'RECEIVED'") == 0);
        String database = Billhook.queryString("SELECT current_database()");
        byte[] during = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
        try {
            cutOff(database, true);
            HttpResponse<String> ready = Billhook.get("/health/ready");
            assertEquals(503, ready.statusCode(), "not ready without the database");
            for (String inside : List.of("jdbc", "postgres", "127.0.0.1", "5432", "Connection", "password")) {
                assertTrue(!ready.body().contains(inside), "the public readiness answer names " + inside + ": " + ready.body());
            }
            assertEquals(200, Billhook.get("/health/live").statusCode(), "but alive");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = postStripe(during);
                assertEquals(503, response.statusCode(), response.body());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertTrue(response.headers().firstValue("Retry-After").isPresent());
            }
        } finally {
            cutOff(database, false);
        }
        assertEquals(200, Billhook.get("/health/ready").statusCode(), "ready again once the database is back");
        // the pool's connections were killed: the first deliveries after the return must not fail
        for (int i = 0; i < 5; i++) {
            byte[] after = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
            HttpResponse<String> response = postStripe(after);
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(json(response).getBoolean("duplicate"));
        }
        HttpResponse<String> retried = postStripe(during);
        assertEquals(200, retried.statusCode(), retried.body());
        assertFalse(json(retried).getBoolean("duplicate"), "nothing was stored while the database was away");
        String id = Billhook.eventId(during);
        await("the retried delivery is processed", () -> "PROCESSED".equals(status(id)));
    }

    /**
     * The outage under continuous load: 8 clients keep delivering while the database is away for
     * {@code -Doutage.seconds} (16 in every run, so that a sweep falls into it; 30 in the full fault-injection suite). Every answer is a 200 or a 503;
     * while it is away only 503s; within 5 s of its return 200s again; every acknowledged event is processed exactly
     * once, and every refused one, re-sent as Stripe would, too.
     */
    @Test
    void underContinuousLoadAnOutageCostsOnly503sAndLosesNothing() throws Exception {
        await("no event waiting", () -> Billhook.count("SELECT count(*) FROM webhook_event WHERE status = 'RECEIVED'") == 0);
        String database = Billhook.queryString("SELECT current_database()");
        long outage = Long.getLong("billhook.outage.seconds", 16) * 1000;
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long cutAt;
        long backAt;
        try {
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), freshEventId());
                        long sent = System.nanoTime();
                        int status = postStripe(event).statusCode();
                        deliveries.add(new Delivery(event, sent, System.nanoTime(), status));
                    }
                    return null;
                });
            }
            Thread.sleep(2000);
            try {
                cutOff(database, true);
                cutAt = System.nanoTime();
                Thread.sleep(outage);
            } finally {
                cutOff(database, false);
            }
            backAt = System.nanoTime();
            Thread.sleep(8000);
        } finally {
            running.set(false);
            clients.shutdown();
        }
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));

        assertEquals(List.of(), deliveries.stream().filter(d -> d.status != 200 && d.status != 503).toList(),
                "only 200 and 503 answers");
        List<Delivery> whileAway = deliveries.stream()
                .filter(d -> d.sent > cutAt + 1_000_000_000L && d.answered < backAt).toList();
        assertTrue(whileAway.size() > 8, "deliveries were made while the database was away: " + whileAway.size());
        assertEquals(List.of(), whileAway.stream().filter(d -> d.status != 503).toList(), "only 503s while away");
        long firstBack = deliveries.stream().filter(d -> d.status == 200 && d.sent >= backAt)
                .mapToLong(d -> d.answered).min().orElseThrow(() -> new AssertionError("no 200 after the return"));
        assertTrue(firstBack - backAt < 5_000_000_000L, "200s again within 5 s, was " + (firstBack - backAt) / 1_000_000 + " ms");
        assertEquals(List.of(), deliveries.stream().filter(d -> d.sent > backAt + 5_000_000_000L && d.status != 200).toList(),
                "normal service 5 s after the return");

        List<String> acknowledged = deliveries.stream().filter(d -> d.status == 200).map(d -> Billhook.eventId(d.event)).toList();
        for (Delivery refused : deliveries.stream().filter(d -> d.status == 503).toList()) {
            assertEquals(200, postStripe(refused.event).statusCode(), "the re-sent refused delivery is stored");
        }
        List<String> all = deliveries.stream().map(d -> Billhook.eventId(d.event)).toList();
        await("every delivery processed", () -> Billhook.count(
                "SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?) AND status = 'PROCESSED'",
                (Object) all.toArray(String[]::new)) == all.size(), 120);
        assertEquals(all.size(), Billhook.count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ANY (?) AND a.outcome = 'PROCESSED'""", (Object) all.toArray(String[]::new)),
                "each applied once");
        System.out.printf("outage of %d s under load: %d deliveries, %d acknowledged, %d refused with 503 (%d while away),"
                + " first 200 %d ms after the return%n", outage / 1000, deliveries.size(), acknowledged.size(),
                deliveries.size() - acknowledged.size(), whileAway.size(), (firstBack - backAt) / 1_000_000);
    }

    private record Delivery(byte[] event, long sent, long answered, int status) {
    }

    /** Refuses new connections to the database and ends the existing ones, as a database restart does. */
    private static void cutOff(String database, boolean off) throws Exception {
        try (Connection admin = java.sql.DriverManager.getConnection(
                System.getProperty("billhook.db.url").replaceFirst("/" + database + "(?=$|\\?)", "/postgres"),
                System.getProperty("billhook.db.user", "postgres"), System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", ""));
             Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !off);
            if (off) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }
}
