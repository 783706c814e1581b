package io.billhook.webhooks.entity;

public enum WebhookStatus {
    /** Stored and acknowledged; waiting for the consumer. */
    RECEIVED,
    /** Its domain effect is applied. */
    PROCESSED,
    /** Acknowledged and counted; no handler has an effect for its type. */
    IGNORED,
    /** Processing failed; the last error says why. */
    FAILED;

    public boolean awaitsProcessing() {
        return this == RECEIVED;
    }
}
