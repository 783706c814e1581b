package io.billhook.billing.entity;

import io.billhook.stripe.entity.Money;
import java.time.OffsetDateTime;

/** What one invoice event says about the invoice. */
public record InvoiceSnapshot(InvoiceStatus status, Money amountDue, Money amountPaid, Money amountRemaining,
                              int attemptCount, OffsetDateTime nextPaymentAttempt, String number, String subscriptionId,
                              String billingReason, String hostedInvoiceUrl, OffsetDateTime createdAt,
                              OffsetDateTime finalizedAt, OffsetDateTime paidAt, OffsetDateTime voidedAt) {
}
