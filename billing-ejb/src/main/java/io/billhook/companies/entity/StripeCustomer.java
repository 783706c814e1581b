package io.billhook.companies.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Which company a Stripe customer belongs to: how invoices and charges, which carry only the customer id, find their company. */
@Entity
@Table(name = "stripe_customer")
public class StripeCustomer {

    @Id
    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    @Column(name = "company_id")
    private Long companyId;

    private String email;

    private String name;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected StripeCustomer() {
    }

    public StripeCustomer(String stripeCustomerId, long companyId) {
        this.stripeCustomerId = stripeCustomerId;
        this.companyId = companyId;
        this.updatedAt = OffsetDateTime.now();
    }

    public void deleted(OffsetDateTime at) {
        if (deletedAt == null) {
            deletedAt = at;
        }
    }

    public void belongsTo(long companyId, String email, String name) {
        this.companyId = companyId;
        this.email = email;
        this.name = name;
        this.updatedAt = OffsetDateTime.now();
    }

    public String stripeCustomerId() {
        return stripeCustomerId;
    }

    public long companyId() {
        return companyId;
    }
}
