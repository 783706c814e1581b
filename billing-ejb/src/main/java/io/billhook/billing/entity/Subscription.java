package io.billhook.billing.entity;

import io.billhook.stripe.entity.Freshness;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Locale;

/** A company's Stripe subscription as the subscription events describe it; canceled is final. */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    @Column(name = "stripe_subscription_id")
    private String stripeSubscriptionId;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    private String status;

    @Column(name = "cancel_at_period_end")
    private boolean cancelAtPeriodEnd;

    @Column(name = "current_period_start")
    private OffsetDateTime currentPeriodStart;

    @Column(name = "current_period_end")
    private OffsetDateTime currentPeriodEnd;

    @Column(name = "trial_end")
    private OffsetDateTime trialEnd;

    @Column(name = "canceled_at")
    private OffsetDateTime canceledAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "cancellation_reason")
    private String cancellationReason;

    @Column(name = "trial_will_end_notified_at")
    private OffsetDateTime trialWillEndNotifiedAt;

    @Column(name = "next_invoice_amount")
    private Long nextInvoiceAmount;

    @Column(name = "next_invoice_currency")
    private String nextInvoiceCurrency;

    @Column(name = "next_invoice_at")
    private OffsetDateTime nextInvoiceAt;

    @Column(name = "schedule_id")
    private String scheduleId;

    @Column(name = "latest_invoice_id")
    private String latestInvoiceId;

    @Column(name = "last_event_created")
    private long lastEventCreated;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Subscription() {
    }

    /** Stripe's statuses move freely among the live ones; incomplete_expired and canceled are final. */
    static int rank(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "canceled", "incomplete_expired" -> 2;
            case "incomplete" -> 0;
            default -> 1;
        };
    }

    /** Takes the snapshot's state if it is not behind the one applied; says whether it did. */
    public boolean accept(SubscriptionSnapshot snapshot, long eventCreated) {
        boolean fresh = status == null || Freshness.accepts(rank(status), lastEventCreated, rank(snapshot.status()), eventCreated);
        if (fresh) {
            status = snapshot.status();
            cancelAtPeriodEnd = snapshot.cancelAtPeriodEnd();
            currentPeriodStart = snapshot.currentPeriodStart();
            currentPeriodEnd = snapshot.currentPeriodEnd();
            trialEnd = snapshot.trialEnd();
            canceledAt = snapshot.canceledAt();
            endedAt = snapshot.endedAt();
            cancellationReason = snapshot.cancellationReason();
            latestInvoiceId = snapshot.latestInvoiceId();
            lastEventCreated = eventCreated;
        }
        if (snapshot.scheduleId() != null) {
            scheduleId = snapshot.scheduleId();
        }
        updatedAt = OffsetDateTime.now();
        return fresh;
    }

    public void trialWillEnd(OffsetDateTime notifiedAt) {
        if (trialWillEndNotifiedAt == null || notifiedAt.isAfter(trialWillEndNotifiedAt)) {
            trialWillEndNotifiedAt = notifiedAt;
        }
    }

    /** The upcoming invoice's amount and date: the newest preview wins. */
    public void nextInvoice(long amount, String currency, OffsetDateTime at) {
        nextInvoiceAmount = amount;
        nextInvoiceCurrency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        nextInvoiceAt = at;
        updatedAt = OffsetDateTime.now();
    }

    public void scheduledBy(String scheduleId) {
        this.scheduleId = scheduleId;
    }

    public long companyId() {
        return companyId;
    }
}
