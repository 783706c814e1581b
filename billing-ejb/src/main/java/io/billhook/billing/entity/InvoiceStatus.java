package io.billhook.billing.entity;

import java.util.Locale;

/** Stripe's invoice lifecycle: draft → open → paid | void | uncollectible (uncollectible may still be paid or voided). */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, UNCOLLECTIBLE, VOID;

    /** The step of the lifecycle: a later step is never undone by a late event about an earlier one. */
    public int rank() {
        return switch (this) {
            case DRAFT -> 0;
            case OPEN -> 1;
            case UNCOLLECTIBLE -> 2;
            case PAID, VOID -> 3;
        };
    }

    public static InvoiceStatus fromStripe(String status) {
        return valueOf(status.toUpperCase(Locale.ROOT));
    }
}
