package io.billhook.inbox.entity;

public enum WebhookStatus {
    /** Stored and acknowledged; waiting for the consumer. */
    RECEIVED,
    /** An attempt failed transiently; the next one is scheduled. */
    RETRYING,
    /** Its domain effect is applied. */
    PROCESSED,
    /** Acknowledged and counted; no handler has an effect for its type. */
    IGNORED,
    /**
     * Its company cannot be resolved yet (a Stripe customer no company is linked to): visible and counted,
     * not failed; processed again as soon as the customer is linked.
     */
    QUARANTINED,
    /** Processing failed for good (permanently, or after the last retry); the attempts say why. */
    FAILED;

    public boolean awaitsProcessing() {
        return this == RECEIVED || this == RETRYING;
    }
}
