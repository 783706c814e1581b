package io.billhook.operations.entity;

import io.billhook.companies.entity.AssignedNumber;
import io.billhook.companies.entity.CalcomMapping;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A company's billing as the providers' events left it, as the admin API answers it: Stripe ids, statuses,
 * amounts in minor units with their currencies, and the key times (UTC). Each list is ordered; calls, bookings
 * and usage records are the latest 100.
 */
public record CompanyBillingView(Company company, List<Customer> customers, List<Subscription> subscriptions,
                                 List<BillingPeriod> billingPeriods, List<Invoice> invoices, List<Charge> charges,
                                 List<Refund> refunds, List<Dispute> disputes, List<Payment> payments,
                                 List<AssignedNumber> phoneNumbers, List<CalcomMapping> calcomMappings, Usage usage,
                                 List<Call> calls, List<Booking> bookings) {

    public record Company(Long id, String name, OffsetDateTime createdAt) {
    }

    public record Customer(String stripeCustomerId, String email, String name, OffsetDateTime deletedAt) {
    }

    public record Subscription(String stripeSubscriptionId, String stripeCustomerId, String status,
                               Boolean cancelAtPeriodEnd, OffsetDateTime currentPeriodStart,
                               OffsetDateTime currentPeriodEnd, OffsetDateTime trialEnd, OffsetDateTime canceledAt,
                               OffsetDateTime endedAt, String cancellationReason, Long nextInvoiceAmount,
                               String nextInvoiceCurrency, OffsetDateTime nextInvoiceAt, String latestInvoiceId,
                               OffsetDateTime updatedAt, List<SubscriptionItem> items) {

        public Subscription withItems(List<SubscriptionItem> items) {
            return new Subscription(stripeSubscriptionId, stripeCustomerId, status, cancelAtPeriodEnd,
                    currentPeriodStart, currentPeriodEnd, trialEnd, canceledAt, endedAt, cancellationReason,
                    nextInvoiceAmount, nextInvoiceCurrency, nextInvoiceAt, latestInvoiceId, updatedAt, items);
        }
    }

    public record SubscriptionItem(String stripeSubscriptionItemId, String priceId, String productId, Long quantity,
                                   Long unitAmount, String currency, String interval, Boolean metered) {
    }

    public record BillingPeriod(Long id, String stripeSubscriptionId, OffsetDateTime periodStart,
                                OffsetDateTime periodEnd, String status, String stripeInvoiceId) {
    }

    public record Invoice(String stripeInvoiceId, String number, String status, String stripeSubscriptionId,
                          Long billingPeriodId, String currency, Long amountDue, Long amountPaid, Long amountRemaining,
                          Integer attemptCount, Boolean paymentFailed, OffsetDateTime nextPaymentAttempt,
                          String billingReason, String hostedInvoiceUrl, OffsetDateTime finalizedAt,
                          OffsetDateTime sentAt, OffsetDateTime paidAt, OffsetDateTime voidedAt, Boolean deleted,
                          OffsetDateTime createdAt) {
    }

    public record Charge(String stripeChargeId, String status, Long amount, Long amountCaptured, Long amountRefunded,
                         Boolean refunded, String currency, Boolean captured, Boolean disputed, String failureCode,
                         String failureMessage, String description, String stripePaymentIntentId,
                         String stripeInvoiceId, OffsetDateTime createdAt) {
    }

    public record Refund(String stripeRefundId, String stripeChargeId, String status, Long amount, String currency,
                         String reason, OffsetDateTime updatedAt) {
    }

    public record Dispute(String stripeDisputeId, String stripeChargeId, String status, Long amount, String currency,
                          String reason) {
    }

    public record Payment(String stripePaymentIntentId, String status, Long amount, Long amountReceived,
                          String currency, String lastErrorCode) {
    }

    /**
     * Call usage reported to Stripe and not yet, in seconds and records, the records Stripe cannot take
     * (unbillable), with the latest records.
     */
    public record Usage(Long reportedSeconds, Long unreportedSeconds, Long reportedRecords, Long unreportedRecords,
                        Long unbillableRecords, List<UsageRecord> records) {

        public Usage withRecords(List<UsageRecord> records) {
            return new Usage(reportedSeconds, unreportedSeconds, reportedRecords, unreportedRecords, unbillableRecords,
                    records);
        }
    }

    public record UsageRecord(Long id, String callId, Long billableSeconds, OffsetDateTime occurredAt,
                              OffsetDateTime reportedAt, String stripeCustomerId, Integer reportAttempts,
                              String lastReportError, Boolean unbillable, OffsetDateTime nextReportAt) {
    }

    public record Call(String callId, String status, String direction, String fromNumber, String toNumber,
                       OffsetDateTime startedAt, OffsetDateTime endedAt, Long durationMs, String disconnectionReason,
                       Long costCents, String summary, String sentiment) {
    }

    public record Booking(String uid, Long bookingId, String status, String title, Long eventTypeId,
                          OffsetDateTime startTime, OffsetDateTime endTime, String organizerEmail,
                          String attendeeName, String attendeeEmail, String attendeePhone, String rescheduledFrom,
                          String rescheduledTo, String cancellationReason, Boolean paid,
                          OffsetDateTime meetingEndedAt) {
    }
}
