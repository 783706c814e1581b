package io.billhook.records.entity;

import io.billhook.stripe.entity.StripeMirror;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.Set;

/**
 * The key fields of a Stripe object billing shows but does not compute with: checkout sessions, payment
 * methods, setup intents, subscription schedules, credit notes, invoice items, invoice payments, and the
 * catalogue (products, prices, plans, which belong to no company).
 */
@Entity
@Table(name = "stripe_record")
public class StripeRecord extends StripeMirror {

    /** Statuses after which nothing changes any more. */
    private static final Set<String> FINAL = Set.of("complete", "expired", "succeeded", "canceled", "void", "paid",
            "released", "completed");

    @Id
    @Column(name = "stripe_id")
    private String stripeId;

    @Column(name = "object_type")
    private String objectType;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    private Long amount;

    private String currency;

    @Column(name = "parent_id")
    private String parentId;

    @Column(name = "related_id")
    private String relatedId;

    private String description;

    protected StripeRecord() {
    }

    public StripeRecord(String stripeId, String objectType, Long companyId) {
        this.stripeId = stripeId;
        this.objectType = objectType;
        this.companyId = companyId;
    }

    @Override
    protected int rank(String status) {
        return status != null && FINAL.contains(status.toLowerCase(Locale.ROOT)) ? 1 : 0;
    }

    public void accept(RecordSnapshot record, long eventCreated) {
        if (takes(record.status() == null ? "" : record.status(), eventCreated)) {
            stripeCustomerId = record.customerId() != null ? record.customerId() : stripeCustomerId;
            amount = record.amount();
            currency = record.currency() == null ? null : record.currency().toUpperCase(Locale.ROOT);
            parentId = record.parentId();
            relatedId = record.relatedId();
            description = record.description();
        }
    }
}
