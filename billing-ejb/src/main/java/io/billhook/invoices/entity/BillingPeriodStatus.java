package io.billhook.invoices.entity;

/** A billing period's state, which follows the state of the invoice that bills it. */
public enum BillingPeriodStatus {
    /** No invoice is attached yet. */
    PENDING, OPEN, PAID, PAYMENT_FAILED, VOID, UNCOLLECTIBLE;

    static BillingPeriodStatus of(InvoiceStatus invoice) {
        return switch (invoice) {
            case DRAFT -> PENDING;
            case OPEN -> OPEN;
            case PAID -> PAID;
            case VOID -> VOID;
            case UNCOLLECTIBLE -> UNCOLLECTIBLE;
        };
    }
}
