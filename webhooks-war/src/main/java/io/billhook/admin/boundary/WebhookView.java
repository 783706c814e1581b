package io.billhook.admin.boundary;

import io.billhook.operations.entity.WebhookDetail;
import io.billhook.operations.entity.WebhookDetail.AttemptRecord;
import io.billhook.operations.entity.WebhookSummary;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;

/** One event as the admin API shows it: the list item's fields, the payload as JSON, and the attempts. */
public record WebhookView(long id, String provider, String eventId, String type, String status, int attempts,
                          OffsetDateTime receivedAt, OffsetDateTime processedAt, Long processingMillis,
                          OffsetDateTime nextAttemptAt, String lastError, String correlationId, Long companyId,
                          String source, JsonValue payload, List<AttemptRecord> attemptsHistory) {

    static WebhookView of(WebhookDetail detail) {
        WebhookSummary e = detail.event();
        return new WebhookView(e.id(), e.provider(), e.eventId(), e.type(), e.status(), e.attempts(), e.receivedAt(),
                e.processedAt(), e.processingMillis(), e.nextAttemptAt(), e.lastError(), e.correlationId(), e.companyId(),
                e.source(), json(detail.payload()), detail.attemptsHistory());
    }

    private static JsonValue json(String payload) {
        try {
            JsonStructure parsed = Json.createReader(new StringReader(payload)).read();
            return parsed;
        } catch (JsonParsingException e) {
            return Json.createValue(payload);
        }
    }
}
