package io.billhook.inbox.entity;

import io.billhook.handling.entity.Lane;

/** What the consumer needs to find a stored event: its row id, its lane, and its correlation id for tracing. */
public record Wakeup(long webhookEventId, Lane lane, String correlationId) {

    /** A row {@code (id, lane, correlation_id)} as the claiming UPDATE … RETURNING statements give it. */
    public static Wakeup ofRow(Object[] row) {
        return new Wakeup(((Number) row[0]).longValue(), Lane.valueOf((String) row[1]), (String) row[2]);
    }
}
