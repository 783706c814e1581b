package io.billhook.inbox.entity;

import io.billhook.handling.entity.Provider;
import java.time.Instant;

/** Which events a listing or a bulk retry is about; null fields do not filter. */
public record WebhookFilter(Provider provider, WebhookStatus status, String type, Instant since) {
}
