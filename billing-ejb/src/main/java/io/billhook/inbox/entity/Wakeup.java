package io.billhook.inbox.entity;

import io.billhook.handling.entity.Lane;

/**
 * What the consumer needs to find a stored event: its row id, its lane, and for tracing its correlation id and the
 * W3C traceparent of the span that stored or last attempted it (null when nothing is traced).
 */
public record Wakeup(long webhookEventId, Lane lane, String correlationId, String traceParent) {

    public Wakeup(long webhookEventId, Lane lane, String correlationId) {
        this(webhookEventId, lane, correlationId, null);
    }

    /** A row {@code (id, lane, correlation_id)} as the claiming UPDATE … RETURNING statements give it. */
    public static Wakeup ofRow(Object[] row) {
        return new Wakeup(((Number) row[0]).longValue(), Lane.valueOf((String) row[1]), (String) row[2]);
    }

    public Wakeup continuing(String traceParent) {
        return new Wakeup(webhookEventId, lane, correlationId, traceParent);
    }
}
