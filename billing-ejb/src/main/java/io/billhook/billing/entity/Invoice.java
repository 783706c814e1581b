package io.billhook.billing.entity;

import io.billhook.stripe.entity.Freshness;
import io.billhook.stripe.entity.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A Stripe invoice as billing knows it; its status only ever moves forward. */
@Entity
@Table(name = "invoice")
public class Invoice {

    @Id
    private Long id;

    @Column(name = "stripe_invoice_id")
    private String stripeInvoiceId;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    @Column(name = "stripe_subscription_id")
    private String stripeSubscriptionId;

    @Column(name = "billing_period_id")
    private Long billingPeriodId;

    private String number;

    @Enumerated(EnumType.STRING)
    private InvoiceStatus status;

    private String currency;

    @Column(name = "amount_due")
    private long amountDue;

    @Column(name = "amount_paid")
    private long amountPaid;

    @Column(name = "amount_remaining")
    private long amountRemaining;

    @Column(name = "billing_reason")
    private String billingReason;

    @Column(name = "hosted_invoice_url")
    private String hostedInvoiceUrl;

    @Column(name = "finalized_at")
    private OffsetDateTime finalizedAt;

    @Column(name = "stripe_created_at")
    private OffsetDateTime stripeCreatedAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "attempt_count")
    private int attemptCount;

    @Column(name = "next_payment_attempt")
    private OffsetDateTime nextPaymentAttempt;

    @Column(name = "payment_failed")
    private boolean paymentFailed;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    @Column(name = "paid_at")
    private OffsetDateTime paidAt;

    @Column(name = "voided_at")
    private OffsetDateTime voidedAt;

    private boolean deleted;

    @Column(name = "finalization_error")
    private String finalizationError;

    @Column(name = "last_event_created")
    private long lastEventCreated;

    protected Invoice() {
    }

    /**
     * Takes what an invoice event says. The state (status, amounts, next attempt) only from a snapshot that
     * is not behind the one applied (see {@link Freshness}); what only accumulates (attempts, the number,
     * when it was finalized, sent, paid or voided) from any snapshot.
     */
    public boolean accept(InvoiceSnapshot invoice, long eventCreated) {
        boolean fresh = Freshness.accepts(status.rank(), lastEventCreated, invoice.status().rank(), eventCreated);
        if (fresh) {
            status = invoice.status();
            currency = invoice.amountDue().currency();
            amountDue = invoice.amountDue().minorUnits();
            amountPaid = invoice.amountPaid().minorUnits();
            amountRemaining = invoice.amountRemaining().minorUnits();
            nextPaymentAttempt = invoice.nextPaymentAttempt();
            lastEventCreated = eventCreated;
        }
        attemptCount = Math.max(attemptCount, invoice.attemptCount());
        number = firstOf(number, invoice.number());
        stripeSubscriptionId = firstOf(stripeSubscriptionId, invoice.subscriptionId());
        billingReason = firstOf(billingReason, invoice.billingReason());
        hostedInvoiceUrl = firstOf(hostedInvoiceUrl, invoice.hostedInvoiceUrl());
        stripeCreatedAt = firstOf(stripeCreatedAt, invoice.createdAt());
        finalizedAt = firstOf(finalizedAt, invoice.finalizedAt());
        paidAt = firstOf(paidAt, invoice.paidAt());
        voidedAt = firstOf(voidedAt, invoice.voidedAt());
        touch();
        return fresh;
    }

    /** invoice.payment_failed: an attempt to collect failed; Stripe may try again. */
    public void paymentFailed() {
        paymentFailed = true;
        touch();
    }

    public void sent(OffsetDateTime at) {
        sentAt = firstOf(sentAt, at);
        touch();
    }

    /** Only a draft can be deleted. */
    public void deleted() {
        if (status == InvoiceStatus.DRAFT) {
            deleted = true;
            touch();
        }
    }

    public void finalizationFailed(String error) {
        finalizationError = error;
        touch();
    }

    private static <T> T firstOf(T known, T offered) {
        return known != null ? known : offered;
    }

    /** Only a billing period attaches an invoice to itself. */
    void belongTo(long billingPeriodId) {
        this.billingPeriodId = billingPeriodId;
        touch();
    }

    private void touch() {
        updatedAt = OffsetDateTime.now();
    }

    public Long id() {
        return id;
    }

    public String stripeInvoiceId() {
        return stripeInvoiceId;
    }

    public long companyId() {
        return companyId;
    }

    public Long billingPeriodId() {
        return billingPeriodId;
    }

    public InvoiceStatus status() {
        return status;
    }

    /** When Stripe created the event whose state this is (epoch seconds). */
    public long stateCreated() {
        return lastEventCreated;
    }

    public String number() {
        return number;
    }

    public Money amountDue() {
        return new Money(amountDue, currency);
    }

    public Money amountPaid() {
        return new Money(amountPaid, currency);
    }

    public int attemptCount() {
        return attemptCount;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public boolean paymentHasFailed() {
        return paymentFailed;
    }

    public Money amountRemaining() {
        return new Money(amountRemaining, currency);
    }
}
