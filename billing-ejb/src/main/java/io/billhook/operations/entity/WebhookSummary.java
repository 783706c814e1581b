package io.billhook.operations.entity;

import java.time.OffsetDateTime;

/** One stored event as operators list it; {@code source} is {@code webhook} or {@code backfill}. */
public record WebhookSummary(long id, String provider, String eventId, String type, String status, int attempts,
                             OffsetDateTime receivedAt, OffsetDateTime processedAt, Long processingMillis,
                             OffsetDateTime nextAttemptAt, String lastError, String correlationId, Long companyId,
                             String source) {
}
