package io.billhook.operations.entity;

import io.billhook.processing.entity.EffectPreview;

/** A dry run of one event's retry: the event as it is, and what processing it now would do; nothing was changed. */
public record RetryPreview(WebhookSummary event, EffectPreview effects) {
}
