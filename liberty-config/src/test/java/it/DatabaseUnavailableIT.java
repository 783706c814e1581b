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
            assertEquals(503, Billhook.get("/health/ready").statusCode(), "not ready without the database");
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
