package io.billhook.payments.entity;

import io.billhook.stripe.entity.StripeMirror;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A charge: pending, then succeeded or failed. Refunds and disputes only ever add to it, so the amount
 * refunded takes the highest value seen and a dispute flag stays set.
 */
@Entity
@Table(name = "charge")
public class Charge extends StripeMirror {

    @Id
    @Column(name = "stripe_charge_id")
    private String stripeChargeId;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    @Column(name = "stripe_payment_intent_id")
    private String stripePaymentIntentId;

    private long amount;

    @Column(name = "amount_captured")
    private long amountCaptured;

    @Column(name = "amount_refunded")
    private long amountRefunded;

    private String currency;

    private boolean captured;

    private boolean disputed;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "failure_message")
    private String failureMessage;

    private String description;

    @Column(name = "stripe_created_at")
    private OffsetDateTime stripeCreatedAt;

    protected Charge() {
    }

    public Charge(String stripeChargeId, long companyId) {
        this.stripeChargeId = stripeChargeId;
        this.companyId = companyId;
    }

    @Override
    protected int rank(String status) {
        return "pending".equals(status.toLowerCase(Locale.ROOT)) ? 0 : 1;
    }

    public void accept(ChargeSnapshot charge, long eventCreated) {
        if (takes(charge.status(), eventCreated)) {
            stripeCustomerId = charge.customerId();
            stripePaymentIntentId = charge.paymentIntentId();
            amount = charge.amount();
            currency = charge.currency().toUpperCase(Locale.ROOT);
            captured = charge.captured();
            amountCaptured = charge.amountCaptured();
            failureCode = charge.failureCode();
            failureMessage = charge.failureMessage();
            description = charge.description();
            stripeCreatedAt = charge.createdAt();
        }
        amountRefunded = Math.max(amountRefunded, charge.amountRefunded());
        disputed |= charge.disputed();
    }

    public void disputed() {
        disputed = true;
    }
}
