package io.billhook.billing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One service period of a subscription, and the invoice that bills it. */
@Entity
@Table(name = "billing_period")
public class BillingPeriod {

    @Id
    private Long id;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "stripe_subscription_id")
    private String stripeSubscriptionId;

    @Column(name = "period_start")
    private OffsetDateTime periodStart;

    @Column(name = "period_end")
    private OffsetDateTime periodEnd;

    @Enumerated(EnumType.STRING)
    private BillingPeriodStatus status;

    protected BillingPeriod() {
    }

    /** Links the invoice to this period; the period's status follows the invoice's from now on. */
    public void attach(Invoice invoice) {
        if (invoice.companyId() != companyId) {
            throw new IllegalArgumentException("invoice " + invoice.stripeInvoiceId() + " belongs to company "
                    + invoice.companyId() + ", period " + id + " to company " + companyId);
        }
        invoice.belongTo(id);
        follow(invoice);
    }

    /** The period's status is its invoice's: called whenever the invoice changes. */
    public void follow(Invoice invoice) {
        if (id.equals(invoice.billingPeriodId())) {
            status = BillingPeriodStatus.of(invoice);
        }
    }

    public Long id() {
        return id;
    }

    public long companyId() {
        return companyId;
    }

    public String stripeSubscriptionId() {
        return stripeSubscriptionId;
    }

    public OffsetDateTime periodStart() {
        return periodStart;
    }

    public OffsetDateTime periodEnd() {
        return periodEnd;
    }

    public BillingPeriodStatus status() {
        return status;
    }
}
