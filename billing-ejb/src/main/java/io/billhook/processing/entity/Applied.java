package io.billhook.processing.entity;

import io.billhook.handling.entity.Outcome;
import io.billhook.inbox.entity.WebhookEvent;

/** An event whose attempt applied it (or found it has no effect), to be logged once the attempt has committed. */
public record Applied(WebhookEvent event, Outcome outcome) {
}
