package io.billhook.operations.entity;

import java.time.OffsetDateTime;
import java.util.List;

/** One stored event with its payload and every processing attempt. */
public record WebhookDetail(WebhookSummary event, String payload, List<AttemptRecord> attemptsHistory) {

    public record AttemptRecord(int attempt, OffsetDateTime startedAt, OffsetDateTime finishedAt, long durationMillis,
                                String outcome, String error, String correlationId) {
    }
}
