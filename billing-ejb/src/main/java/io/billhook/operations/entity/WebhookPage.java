package io.billhook.operations.entity;

import java.util.List;

/** A page of events, newest first; {@code nextCursor} (null on the last page) continues after the last one. */
public record WebhookPage(List<WebhookSummary> items, String nextCursor) {
}
