package io.billhook.billing.entity;

import java.time.OffsetDateTime;

/** What one subscription event says about the subscription. */
public record SubscriptionSnapshot(String status, boolean cancelAtPeriodEnd, OffsetDateTime currentPeriodStart,
                                   OffsetDateTime currentPeriodEnd, OffsetDateTime trialEnd, OffsetDateTime canceledAt,
                                   OffsetDateTime endedAt, String cancellationReason, String latestInvoiceId,
                                   String scheduleId) {
}
