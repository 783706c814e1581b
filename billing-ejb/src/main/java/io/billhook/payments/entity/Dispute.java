package io.billhook.payments.entity;

import io.billhook.stripe.entity.StripeMirror;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;

/** A dispute of a charge: open while evidence is due or under review, then won, lost or warning_closed. */
@Entity
@Table(name = "dispute")
public class Dispute extends StripeMirror {

    @Id
    @Column(name = "stripe_dispute_id")
    private String stripeDisputeId;

    @Column(name = "stripe_charge_id")
    private String stripeChargeId;

    private long amount;

    private String currency;

    private String reason;

    protected Dispute() {
    }

    public Dispute(String stripeDisputeId, long companyId) {
        this.stripeDisputeId = stripeDisputeId;
        this.companyId = companyId;
    }

    @Override
    protected int rank(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "won", "lost", "warning_closed", "prevented" -> 1;
            default -> 0;
        };
    }

    public void accept(String status, String chargeId, long amount, String currency, String reason, long eventCreated) {
        if (takes(status, eventCreated)) {
            this.stripeChargeId = chargeId;
            this.amount = amount;
            this.currency = currency.toUpperCase(Locale.ROOT);
            this.reason = reason;
        }
    }
}
