package io.billhook.retention.control;

import io.billhook.retention.entity.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of each kind of retention, oldest first, in the caller's transaction. Rows another transaction holds
 * (an event being processed, say) are skipped, never waited for; only finished events are touched. Plain JDBC:
 * thousands of rows a batch are not entities to load.
 */
public final class Purge {

    private static final String FINISHED = "status IN ('PROCESSED', 'IGNORED')";

    private static final String DELETE_EVENTS = """
            WITH doomed AS (SELECT id FROM webhook_event WHERE received_at < ? AND %s
                             ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED),
                 attempts AS (DELETE FROM webhook_attempt WHERE webhook_event_id IN (SELECT id FROM doomed)),
                 duplicates AS (DELETE FROM webhook_duplicate WHERE webhook_event_id IN (SELECT id FROM doomed))
            DELETE FROM webhook_event WHERE id IN (SELECT id FROM doomed)""".formatted(FINISHED);

    /** Finished events whose payload is untouched: migration V16's webhook_event_untouched_payload_idx. */
    private static final String UNTOUCHED = """
            payload_redacted_at IS NULL AND personal_data_redacted_at IS NULL AND status IN ('PROCESSED', 'IGNORED')
               AND received_at < ?""";

    /** Events whose personal data alone was masked: webhook_event_masked_payload_idx. */
    private static final String MASKED = """
            payload_redacted_at IS NULL AND personal_data_redacted_at IS NOT NULL AND received_at < ?""";

    private static final String REDACT_PAYLOADS = """
            UPDATE webhook_event SET payload = '{"redacted": true}'::jsonb, payload_raw = NULL, payload_redacted_at = now()
             WHERE id IN (SELECT id FROM webhook_event WHERE %s ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private static final String PERSONAL_DATA_CANDIDATES = """
            SELECT id, payload::text FROM webhook_event WHERE %s
             ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(UNTOUCHED);

    private static final String MASK_PERSONAL_DATA = """
            UPDATE webhook_event SET payload = ?::jsonb, payload_raw = NULL, personal_data_redacted_at = now()
             WHERE id = ?""";

    private static final String DELETE_ATTEMPTS = """
            DELETE FROM webhook_attempt WHERE id IN (
                SELECT a.id FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE a.finished_at < ? AND e.%s
                 ORDER BY a.id LIMIT ? FOR UPDATE OF a SKIP LOCKED)""".formatted(FINISHED);

    private static final String DELETE_DUPLICATES = """
            DELETE FROM webhook_duplicate WHERE id IN (
                SELECT id FROM webhook_duplicate WHERE received_at < ? ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private static final String DELETE_REJECTION_SAMPLES = """
            DELETE FROM webhook_rejection WHERE id IN (
                SELECT id FROM webhook_rejection WHERE received_at < ? ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private static final String DELETE_REJECTION_COUNTS = """
            DELETE FROM webhook_rejection_count WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM webhook_rejection_count WHERE first_at < ? ORDER BY first_at LIMIT ? FOR UPDATE SKIP LOCKED))""";

    private Purge() {
    }

    public static int deleteEvents(Connection db, Instant before, int batch) throws SQLException {
        return update(db, DELETE_EVENTS, before, batch);
    }

    /** Payloads whose personal data was masked first, then the untouched ones. */
    public static int redactPayloads(Connection db, Instant before, int batch) throws SQLException {
        int redacted = update(db, REDACT_PAYLOADS.formatted(MASKED), before, batch);
        return redacted < batch ? redacted + update(db, REDACT_PAYLOADS.formatted(UNTOUCHED), before, batch - redacted) : redacted;
    }

    public static int maskPersonalData(Connection db, Instant before, int batch) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        try (PreparedStatement candidates = db.prepareStatement(PERSONAL_DATA_CANDIDATES)) {
            candidates.setTimestamp(1, Timestamp.from(before));
            candidates.setInt(2, batch);
            try (ResultSet rows = candidates.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    masked.add(PersonalData.masked(rows.getString(2)));
                }
            }
        }
        try (PreparedStatement mask = db.prepareStatement(MASK_PERSONAL_DATA)) {
            for (int i = 0; i < ids.size(); i++) {
                mask.setString(1, masked.get(i));
                mask.setLong(2, ids.get(i));
                mask.addBatch();
            }
            if (!ids.isEmpty()) {
                mask.executeBatch();
            }
        }
        return ids.size();
    }

    public static int deleteAttempts(Connection db, Instant before, int batch) throws SQLException {
        return update(db, DELETE_ATTEMPTS, before, batch);
    }

    public static int deleteDuplicates(Connection db, Instant before, int batch) throws SQLException {
        return update(db, DELETE_DUPLICATES, before, batch);
    }

    /** Samples first, then counts, together at most a batch. */
    public static int deleteRejections(Connection db, Instant before, int batch) throws SQLException {
        int deleted = update(db, DELETE_REJECTION_SAMPLES, before, batch);
        return deleted < batch ? deleted + update(db, DELETE_REJECTION_COUNTS, before, batch - deleted) : deleted;
    }

    private static int update(Connection db, String sql, Instant before, int batch) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setInt(2, batch);
            return statement.executeUpdate();
        }
    }
}
