package io.billhook.webhooks.entity;

/** What the consumer needs to find a stored event: its row id, its lane, and its correlation id for tracing. */
public record Wakeup(long webhookEventId, Lane lane, String correlationId) {
}
