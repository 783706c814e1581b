package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * A stored event whose wake-up message was lost (the server died between the commit and the send) is
 * found by the sweeper and processed. The row is written as the inbox writes it, and no message is sent.
 */
class SweeperIT {

    @Test
    void aRowWithoutAWakeUpMessageIsProcessedAnyway() throws Exception {
        String eventId = freshEventId();
        String payload = new String(withFreshId(read(Billhook.EVENTS.resolve("plan.created.json")), eventId),
                StandardCharsets.UTF_8);
        try (Connection db = Billhook.database(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, api_version, lane, payload,
                                           correlation_id, received_at, enqueued_at)
                VALUES ('stripe', ?, 'plan.created', '2026-07-29.dahlia', 'LOW', ?::jsonb, 'sweeper-it',
                        now() - interval '1 minute', now() - interval '1 minute')""")) {
            insert.setString(1, eventId);
            insert.setString(2, payload);
            assertEquals(1, insert.executeUpdate());
        }
        // the test server sweeps every 15 s rows waiting longer than 5 s
        await("the sweeper to wake the orphaned row", () -> "PROCESSED".equals(status(eventId)));
    }
}
