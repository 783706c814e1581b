package io.billhook.billing.entity;

/** A billing period's state, which follows the state of the invoice that bills it. */
public enum BillingPeriodStatus {
    /** No invoice is attached yet. */
    PENDING, OPEN, PAID, PAYMENT_FAILED, VOID, UNCOLLECTIBLE;

    /** An open invoice whose collection failed makes the period PAYMENT_FAILED until it is paid, voided or written off. */
    static BillingPeriodStatus of(Invoice invoice) {
        return switch (invoice.status()) {
            case DRAFT -> PENDING;
            case OPEN -> invoice.paymentHasFailed() ? PAYMENT_FAILED : OPEN;
            case PAID -> PAID;
            case VOID -> VOID;
            case UNCOLLECTIBLE -> UNCOLLECTIBLE;
        };
    }
}
