package io.billhook.invoices.entity;

import java.util.Locale;

/** Stripe's invoice lifecycle: draft → open → paid | void | uncollectible (uncollectible may still be paid or voided). */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, UNCOLLECTIBLE, VOID;

    public boolean canBecome(InvoiceStatus next) {
        return switch (this) {
            case DRAFT -> next != DRAFT;
            case OPEN -> next == PAID || next == VOID || next == UNCOLLECTIBLE;
            case UNCOLLECTIBLE -> next == PAID || next == VOID;
            case PAID, VOID -> false;
        };
    }

    public static InvoiceStatus fromStripe(String status) {
        return valueOf(status.toUpperCase(Locale.ROOT));
    }
}
