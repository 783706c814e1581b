package io.billhook.payments.entity;

import io.billhook.stripe.entity.StripeMirror;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;

/**
 * A PaymentIntent. It may go back and forth among its open states (a failed attempt returns it to
 * requires_payment_method); succeeded and canceled are final.
 */
@Entity
@Table(name = "payment")
public class Payment extends StripeMirror {

    @Id
    @Column(name = "stripe_payment_intent_id")
    private String stripePaymentIntentId;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    private long amount;

    @Column(name = "amount_received")
    private long amountReceived;

    private String currency;

    @Column(name = "last_error_code")
    private String lastErrorCode;

    @Column(name = "last_error_message")
    private String lastErrorMessage;

    protected Payment() {
    }

    public Payment(String stripePaymentIntentId, long companyId) {
        this.stripePaymentIntentId = stripePaymentIntentId;
        this.companyId = companyId;
    }

    @Override
    protected int rank(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "succeeded", "canceled" -> 2;
            default -> 1;
        };
    }

    public void accept(String status, String customerId, long amount, long amountReceived, String currency,
                       String lastErrorCode, String lastErrorMessage, long eventCreated) {
        if (takes(status, eventCreated)) {
            this.stripeCustomerId = customerId;
            this.amount = amount;
            this.amountReceived = amountReceived;
            this.currency = currency.toUpperCase(Locale.ROOT);
            this.lastErrorCode = lastErrorCode;
            this.lastErrorMessage = lastErrorMessage;
        }
    }
}
