package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * An attempt that runs past STRIPE_WEBHOOK_TIMEOUT (3 s on the test server) is rolled back and counts as
 * a transient failure. The attempt is made slow for real: the test holds the event's row lock for 6 s.
 */
class TimeoutIT {

    @Test
    void anAttemptPastTheTimeoutIsRolledBackAndRetried() throws Exception {
        String eventId = freshEventId();
        LaneIT.server("pause");
        try (Connection db = Billhook.database()) {
            try {
                assertEquals(200, postStripe(withFreshId(read(Billhook.EVENTS.resolve("price.created.json")), eventId)).statusCode());
                db.setAutoCommit(false);
                try (PreparedStatement lock = db.prepareStatement(
                        "SELECT id FROM webhook_event WHERE provider_event_id = ? FOR UPDATE")) {
                    lock.setString(1, eventId);
                    lock.executeQuery().close();
                }
            } finally {
                LaneIT.server("resume");
            }
            Thread.sleep(6000);
            db.rollback();
        }
        await("the retried event to be processed", () -> "PROCESSED".equals(status(eventId)));
        String firstAttempt = Billhook.queryString("""
                SELECT a.outcome || ' ' || a.duration_millis || ' ' || a.error_class FROM webhook_attempt a
                  JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ? AND a.attempt = 1""", eventId);
        assertTrue(firstAttempt.startsWith("RETRYING "), firstAttempt);
        long millis = Long.parseLong(firstAttempt.split(" ")[1]);
        assertTrue(millis >= 3000, "the first attempt ran past the timeout: " + firstAttempt);
        assertEquals("2", Billhook.queryString("SELECT attempts::text FROM webhook_event WHERE provider_event_id = ?", eventId));
    }
}
