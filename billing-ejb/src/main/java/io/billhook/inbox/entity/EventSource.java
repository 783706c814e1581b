package io.billhook.inbox.entity;

import java.util.Locale;

/** How a stored event reached this server: delivered by its provider, or fetched from Stripe's Events API. */
public enum EventSource {
    WEBHOOK, BACKFILL;

    /** As the {@code source} column and the API write it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
