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

    /**
     * A backlog of lost wake-ups (here 600, six batches of the test server's 100) is woken by one sweep, not a batch
     * every 15 s: after a crash, processing resumes at the consumers' speed.
     */
    @Test
    void oneSweepWakesABacklogLargerThanItsBatch() throws Exception {
        String prefix = "evt_sweep_backlog_" + java.util.UUID.randomUUID() + "_";
        try (Connection db = Billhook.database(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, api_version, lane, payload,
                                           correlation_id, received_at, enqueued_at)
                SELECT 'stripe', ? || n, 'price.updated', '2026-07-29.dahlia', 'LOW',
                       jsonb_build_object('id', ? || n, 'object', 'event', 'type', 'price.updated', 'created', 1,
                                          'data', jsonb_build_object('object', jsonb_build_object('object', 'price'))),
                       'sweeper-it', now() - interval '1 minute', now() - interval '1 minute'
                  FROM generate_series(1, 600) AS n""")) {
            insert.setString(1, prefix);
            insert.setString(2, prefix);
            assertEquals(600, insert.executeUpdate());
        }
        String waiting = "SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ? || '%'"
                + " AND enqueued_at < now() - interval '30 seconds'";
        // the test server sweeps every 15 s; its first claim starts the clock
        await("the first batch woken", () -> Billhook.count(waiting, prefix) < 600, 30);
        await("the whole backlog woken by that sweep, long before the next", () -> Billhook.count(waiting, prefix) == 0, 8);
        await("all processed", () -> Billhook.count("SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ? || '%'"
                + " AND status = 'IGNORED'", prefix) == 600);
    }
}
