package io.billhook.payments.entity;

import io.billhook.stripe.entity.StripeMirror;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;

/** A refund: pending (or requires_action), then succeeded, failed or canceled. */
@Entity
@Table(name = "refund")
public class Refund extends StripeMirror {

    @Id
    @Column(name = "stripe_refund_id")
    private String stripeRefundId;

    @Column(name = "stripe_charge_id")
    private String stripeChargeId;

    @Column(name = "stripe_payment_intent_id")
    private String stripePaymentIntentId;

    private long amount;

    private String currency;

    private String reason;

    protected Refund() {
    }

    public Refund(String stripeRefundId, long companyId) {
        this.stripeRefundId = stripeRefundId;
        this.companyId = companyId;
    }

    @Override
    protected int rank(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "pending", "requires_action" -> 0;
            default -> 1;
        };
    }

    public void accept(String status, String chargeId, String paymentIntentId, long amount, String currency, String reason,
                       long eventCreated) {
        if (takes(status, eventCreated)) {
            this.stripeChargeId = chargeId;
            this.stripePaymentIntentId = paymentIntentId;
            this.amount = amount;
            this.currency = currency.toUpperCase(Locale.ROOT);
            this.reason = reason;
        }
    }
}
