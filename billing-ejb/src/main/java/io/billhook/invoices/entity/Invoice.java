package io.billhook.invoices.entity;

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

    protected Invoice() {
    }

    /** Moves to {@code next} unless that would go backwards (a late, stale event); says whether it moved. */
    public boolean advanceTo(InvoiceStatus next) {
        if (!status.canBecome(next)) {
            return false;
        }
        status = next;
        touch();
        return true;
    }

    public void finalized(String number, OffsetDateTime finalizedAt, String hostedInvoiceUrl) {
        advanceTo(InvoiceStatus.OPEN);
        if (number != null) {
            this.number = number;
        }
        if (finalizedAt != null) {
            this.finalizedAt = finalizedAt;
        }
        if (hostedInvoiceUrl != null) {
            this.hostedInvoiceUrl = hostedInvoiceUrl;
        }
        touch();
    }

    /** Amounts as Stripe last reported them, in minor units of the invoice's currency. */
    public void amounts(Money due, Money paid, Money remaining) {
        this.currency = due.currency();
        this.amountDue = due.minorUnits();
        this.amountPaid = paid.minorUnits();
        this.amountRemaining = remaining.minorUnits();
        touch();
    }

    public void describedBy(String stripeSubscriptionId, String billingReason, OffsetDateTime stripeCreatedAt) {
        if (stripeSubscriptionId != null) {
            this.stripeSubscriptionId = stripeSubscriptionId;
        }
        if (billingReason != null) {
            this.billingReason = billingReason;
        }
        if (stripeCreatedAt != null) {
            this.stripeCreatedAt = stripeCreatedAt;
        }
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

    public String number() {
        return number;
    }

    public Money amountDue() {
        return new Money(amountDue, currency);
    }

    public Money amountPaid() {
        return new Money(amountPaid, currency);
    }

    public Money amountRemaining() {
        return new Money(amountRemaining, currency);
    }
}
