package io.billhook.inbox.entity;

/** What the sender is told once its delivery is durably stored. */
public record Receipt(long id, boolean duplicate) {
}
