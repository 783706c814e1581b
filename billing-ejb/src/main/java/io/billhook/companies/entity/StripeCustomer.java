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

    @Column(name = "linked_version")
    private Long linkedVersion;

    /** What an event did to the customer's link. */
    public enum Link {
        /** It names the company the customer already belongs to (or is the customer's first link). */
        KEPT,
        /** It moved the customer to another company: newer than the link, and allowed to move it. */
        MOVED,
        /** Older than the event that set the link: the link stays. */
        STALE,
        /** It names another company but may not move a link (a browser-chosen reference). */
        REFUSED
    }

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

    /**
     * The customer belongs to {@code companyId} as of {@code version} (its event's created time). An older event
     * than the one that set the link changes nothing; a newer one moves the link only when {@code mayMove}.
     */
    public Link belongsTo(long companyId, String email, String name, long version, boolean mayMove) {
        if (linkedVersion != null && version < linkedVersion) {
            return Link.STALE;
        }
        boolean other = this.companyId != companyId;
        if (other && !mayMove) {
            return Link.REFUSED;
        }
        this.companyId = companyId;
        this.email = email;
        this.name = name;
        this.linkedVersion = version;
        this.updatedAt = OffsetDateTime.now();
        return other ? Link.MOVED : Link.KEPT;
    }

    public String stripeCustomerId() {
        return stripeCustomerId;
    }

    public long companyId() {
        return companyId;
    }
}
