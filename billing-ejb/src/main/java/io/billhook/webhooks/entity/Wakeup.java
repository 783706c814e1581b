package io.billhook.webhooks.entity;

/** The small message that tells the consumer a stored event waits: only its id and lane. */
public record Wakeup(long webhookEventId, Lane lane) {
}
