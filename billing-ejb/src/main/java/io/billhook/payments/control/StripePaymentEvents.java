package io.billhook.payments.control;

import static io.billhook.stripe.control.StripePayloads.eventType;
import static io.billhook.stripe.control.StripePayloads.time;

import com.stripe.model.Charge.Outcome;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.payments.entity.Charge;
import io.billhook.payments.entity.ChargeSnapshot;
import io.billhook.stripe.control.StripePayloads;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Charges (including one-time payments), PaymentIntents, refunds and disputes. A refund or a dispute
 * finds its company through its charge (or PaymentIntent); one that arrives before its charge is retried.
 */
@Dependent
public class StripePaymentEvents implements EventHandler {

    /** The fields of the Stripe object this class reads: one missing is an API version shaped otherwise. */
    static final Set<String> CHARGE_FIELDS = Set.of(
            "id", "customer", "amount", "currency", "status", "captured", "amount_captured", "amount_refunded",
            "failure_code", "failure_message", "outcome", "disputed", "payment_intent", "metadata");

    @Inject
    CompanyDirectory companies;

    @Inject
    PaymentBook payments;

    @Override
    public List<EventType> handles() {
        String charge = "mirrors the charge (status, amounts captured and refunded, failure) for the company of its"
                + " customer";
        String intent = "mirrors the PaymentIntent (status, amount received, last error)";
        String refund = "mirrors the refund on its charge; waits (retried) for a charge not seen yet";
        String dispute = "mirrors the dispute and marks its charge disputed";
        return List.of(
                eventType("charge.succeeded", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.failed", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.refunded", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.captured", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.pending", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.updated", charge, CHARGE_FIELDS, this::charge),
                eventType("charge.refund.updated", refund, this::refund),
                eventType("charge.dispute.created", dispute, this::dispute),
                eventType("charge.dispute.closed", dispute, this::dispute),
                eventType("refund.created", refund, this::refund),
                eventType("refund.updated", refund, this::refund),
                eventType("payment_intent.created", intent, this::paymentIntent),
                eventType("payment_intent.succeeded", intent, this::paymentIntent),
                eventType("payment_intent.payment_failed", intent, this::paymentIntent),
                eventType("payment_intent.canceled", intent, this::paymentIntent),
                eventType("payment_intent.processing", intent, this::paymentIntent),
                eventType("payment_intent.requires_action", intent, this::paymentIntent));
    }

    /** charge.succeeded, .failed, .refunded, .captured, .pending, .updated. */
    public io.billhook.handling.entity.Outcome charge(Event event) {
        com.stripe.model.Charge stripe = StripePayloads.object(event, com.stripe.model.Charge.class);
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        Charge charge = payments.charge(stripe.getId(), companyId);
        Outcome outcome = stripe.getOutcome();
        charge.accept(new ChargeSnapshot(stripe.getStatus(), stripe.getCustomer(), stripe.getPaymentIntent(),
                orZero(stripe.getAmount()), orZero(stripe.getAmountCaptured()), orZero(stripe.getAmountRefunded()),
                stripe.getCurrency(), Boolean.TRUE.equals(stripe.getCaptured()), Boolean.TRUE.equals(stripe.getDisputed()),
                stripe.getFailureCode(),
                stripe.getFailureMessage() != null ? stripe.getFailureMessage() : outcome == null ? null : outcome.getSellerMessage(),
                stripe.getDescription(), time(stripe.getCreated())), event.getCreated());
        return io.billhook.handling.entity.Outcome.applied(companyId);
    }

    /** payment_intent.created, .succeeded, .payment_failed, .canceled, .processing, .requires_action. */
    public io.billhook.handling.entity.Outcome paymentIntent(Event event) {
        PaymentIntent stripe = StripePayloads.object(event, PaymentIntent.class);
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        var error = stripe.getLastPaymentError();
        payments.payment(stripe.getId(), companyId).accept(stripe.getStatus(), stripe.getCustomer(),
                orZero(stripe.getAmount()), orZero(stripe.getAmountReceived()), stripe.getCurrency(),
                error == null ? null : error.getCode(), error == null ? null : error.getMessage(), event.getCreated());
        return io.billhook.handling.entity.Outcome.applied(companyId);
    }

    /** refund.created, refund.updated, charge.refund.updated. */
    public io.billhook.handling.entity.Outcome refund(Event event) {
        com.stripe.model.Refund stripe = StripePayloads.object(event, com.stripe.model.Refund.class);
        long companyId = companyOfPayment(stripe.getMetadata(), stripe.getCharge(), stripe.getPaymentIntent());
        payments.refund(stripe.getId(), companyId).accept(stripe.getStatus(), stripe.getCharge(),
                stripe.getPaymentIntent(), orZero(stripe.getAmount()), stripe.getCurrency(), stripe.getReason(),
                event.getCreated());
        return io.billhook.handling.entity.Outcome.applied(companyId);
    }

    /** charge.dispute.created, charge.dispute.closed: the dispute, and its charge marked disputed. */
    public io.billhook.handling.entity.Outcome dispute(Event event) {
        com.stripe.model.Dispute stripe = StripePayloads.object(event, com.stripe.model.Dispute.class);
        long companyId = companyOfPayment(stripe.getMetadata(), stripe.getCharge(), stripe.getPaymentIntent());
        payments.dispute(stripe.getId(), companyId).accept(stripe.getStatus(), stripe.getCharge(),
                orZero(stripe.getAmount()), stripe.getCurrency(), stripe.getReason(), event.getCreated());
        payments.findCharge(stripe.getCharge()).ifPresent(Charge::disputed);
        return io.billhook.handling.entity.Outcome.applied(companyId);
    }

    private long companyOfPayment(java.util.Map<String, String> metadata, String chargeId, String paymentIntentId) {
        if (metadata != null && metadata.get(CompanyDirectory.COMPANY_ID) != null) {
            return companies.resolve(metadata, null);
        }
        return payments.findCharge(chargeId).map(Charge::companyId)
                .or(() -> payments.findPayment(paymentIntentId).map(p -> p.companyId()))
                .orElseThrow(() -> new IllegalStateException("neither charge " + chargeId + " nor PaymentIntent "
                        + paymentIntentId + " is known yet"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
