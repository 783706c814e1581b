package io.billhook.billing.control;

import static io.billhook.stripe.control.StripePayloads.eventType;
import static io.billhook.stripe.control.StripePayloads.time;

import com.stripe.model.Event;
import com.stripe.model.Invoice.Parent;
import com.stripe.model.InvoiceLineItem;
import io.billhook.billing.entity.Invoice;
import io.billhook.billing.entity.InvoiceSnapshot;
import io.billhook.billing.entity.InvoiceStatus;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.stripe.control.StripePayloads;
import io.billhook.stripe.control.StripeObjects;
import io.billhook.stripe.entity.Money;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Invoice events. Each carries the whole invoice: its state is taken when it is not behind the state
 * already applied, and the billing period it bills follows it. An invoice carries only its customer id:
 * the company is found through the customer link (or the invoice's own metadata).
 */
@Dependent
public class StripeInvoiceEvents implements EventHandler {

    /** The fields of the Stripe object this class reads: one missing is an API version shaped otherwise. */
    static final Set<String> INVOICE_FIELDS = Set.of(
            "id", "customer", "currency", "status", "amount_due", "amount_paid", "amount_remaining",
            "attempt_count", "next_payment_attempt", "number", "hosted_invoice_url", "billing_reason", "lines",
            "metadata", "status_transitions", "parent");

    @Inject
    CompanyDirectory companies;

    @Inject
    Ledger ledger;

    @Inject
    SubscriptionBook subscriptions;

    @Inject
    StripeObjects stripeObjects;

    @Inject
    StripeSubscriptionEvents subscriptionEvents;

    @Override
    public List<EventType> handles() {
        String mirror = "mirrors the invoice (status, amounts, attempts) unless a newer state is stored, and attaches"
                + " it to the billing period of its subscription line";
        return List.of(
                eventType("invoice.created", mirror, INVOICE_FIELDS, this::changed),
                eventType("invoice.finalized", mirror, INVOICE_FIELDS, this::changed),
                eventType("invoice.finalization_failed", mirror + "; records the finalization error", INVOICE_FIELDS,
                        this::finalizationFailed),
                eventType("invoice.sent", mirror + "; records when it was sent", INVOICE_FIELDS, this::sent),
                eventType("invoice.paid", mirror + "; the billing period becomes paid", INVOICE_FIELDS, this::changed),
                eventType("invoice.payment_succeeded", mirror + "; the billing period becomes paid", INVOICE_FIELDS,
                        this::changed),
                eventType("invoice.payment_failed", mirror + "; marks the payment failed", INVOICE_FIELDS,
                        this::paymentFailed),
                eventType("invoice.payment_action_required", mirror, INVOICE_FIELDS, this::changed),
                eventType("invoice.voided", mirror + "; the billing period follows", INVOICE_FIELDS, this::changed),
                eventType("invoice.marked_uncollectible", mirror + "; the billing period follows", INVOICE_FIELDS,
                        this::changed),
                eventType("invoice.updated", mirror, INVOICE_FIELDS, this::changed),
                eventType("invoice.deleted", "marks the draft invoice deleted", INVOICE_FIELDS, this::deleted),
                eventType("invoice.upcoming", "sets the subscription's next invoice amount and date (a preview,"
                        + " without an invoice id)", this::upcoming));
    }

    /** created, finalized, paid, payment_succeeded, payment_action_required, voided, marked_uncollectible, updated. */
    public Outcome changed(Event event) {
        return apply(event, invoice -> { });
    }

    public Outcome paymentFailed(Event event) {
        return apply(event, Invoice::paymentFailed);
    }

    public Outcome sent(Event event) {
        return apply(event, invoice -> invoice.sent(time(event.getCreated())));
    }

    public Outcome deleted(Event event) {
        return apply(event, Invoice::deleted);
    }

    public Outcome finalizationFailed(Event event) {
        com.stripe.model.Invoice stripe = StripePayloads.object(event, com.stripe.model.Invoice.class);
        String error = stripe.getLastFinalizationError() == null ? "finalization failed"
                : stripe.getLastFinalizationError().getMessage();
        return apply(event, invoice -> invoice.finalizationFailed(error));
    }

    /** invoice.upcoming: a preview without an id; the subscription learns its next invoice's amount and date. */
    public Outcome upcoming(Event event) {
        com.stripe.model.Invoice stripe = StripePayloads.object(event, com.stripe.model.Invoice.class);
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        String subscriptionId = subscriptionOf(stripe);
        if (subscriptionId == null) {
            return Outcome.ignored("upcoming invoice without a subscription");
        }
        if (subscriptions.find(subscriptionId).isEmpty()) {
            if (!stripeObjects.configured()) {
                return Outcome.ignored("upcoming invoice of subscription " + subscriptionId + ", which is not known yet");
            }
            subscriptionEvents.applyFetched(stripeObjects.subscription(subscriptionId));
        }
        subscriptions.nextInvoice(subscriptionId, stripe.getAmountDue(), stripe.getCurrency(),
                time(stripe.getNextPaymentAttempt() != null ? stripe.getNextPaymentAttempt() : stripe.getPeriodEnd()));
        return Outcome.applied(companyId);
    }

    private Outcome apply(Event event, Consumer<Invoice> also) {
        com.stripe.model.Invoice stripe = StripePayloads.object(event, com.stripe.model.Invoice.class);
        Invoice invoice = apply(stripe, event.getCreated());
        also.accept(invoice);
        follow(invoice);
        return Outcome.applied(invoice.companyId());
    }

    /**
     * The invoice as Stripe has it now, for an event that names an invoice this server has not seen
     * (an invoice payment that arrives first, say). Without the API that event waits for the invoice's own.
     */
    public Invoice known(String stripeInvoiceId) {
        Optional<Invoice> stored = ledger.findInvoice(stripeInvoiceId);
        if (stored.isPresent()) {
            return stored.get();
        }
        if (!stripeObjects.configured()) {
            throw new IllegalStateException("invoice " + stripeInvoiceId + " is not known yet");
        }
        StripeObjects.Fetched<com.stripe.model.Invoice> fetched = stripeObjects.invoice(stripeInvoiceId);
        Invoice invoice = apply(fetched.object(), fetched.version());
        follow(invoice);
        return invoice;
    }

    /**
     * An invoice fetched from the Stripe API (a reconciliation's repair), applied as its state when it was read, by
     * the same freshness rules as an event: a later local state is kept.
     */
    public Invoice applyFetched(StripeObjects.Fetched<com.stripe.model.Invoice> fetched) {
        Invoice invoice = mirror(fetched.object());
        invoice.accept(snapshot(fetched.object()), fetched.version());
        attach(fetched.object(), invoice);
        follow(invoice);
        return invoice;
    }

    private Invoice apply(com.stripe.model.Invoice stripe, long version) {
        Invoice invoice = mirror(stripe);
        if (!invoice.accept(snapshot(stripe), version)) {
            // older than what is stored: what Stripe has now is newer still, when the API can be asked
            stripeObjects.latestInvoice(stripe.getId())
                    .ifPresent(latest -> invoice.accept(snapshot(latest.object()), latest.version()));
        }
        attach(stripe, invoice);
        return invoice;
    }

    private Invoice mirror(com.stripe.model.Invoice stripe) {
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        return ledger.invoice(stripe.getId(), companyId, stripe.getCustomer(), stripe.getCurrency());
    }

    private void attach(com.stripe.model.Invoice stripe, Invoice invoice) {
        billedPeriod(stripe).ifPresent(line -> ledger.billingPeriod(invoice.companyId(),
                        line.getParent().getSubscriptionItemDetails().getSubscription(), time(line.getPeriod().getStart()),
                        time(line.getPeriod().getEnd()))
                .attach(invoice));
    }

    /** The billing period follows its invoice's every change. */
    private void follow(Invoice invoice) {
        if (invoice.billingPeriodId() != null) {
            ledger.billingPeriod(invoice.billingPeriodId()).follow(invoice);
        }
    }

    static InvoiceSnapshot snapshot(com.stripe.model.Invoice stripe) {
        String currency = stripe.getCurrency();
        com.stripe.model.Invoice.StatusTransitions transitions = stripe.getStatusTransitions();
        return new InvoiceSnapshot(InvoiceStatus.fromStripe(stripe.getStatus()),
                Money.of(stripe.getAmountDue(), currency), Money.of(stripe.getAmountPaid(), currency),
                Money.of(stripe.getAmountRemaining(), currency),
                stripe.getAttemptCount() == null ? 0 : stripe.getAttemptCount().intValue(),
                time(stripe.getNextPaymentAttempt()), stripe.getNumber(), subscriptionOf(stripe),
                stripe.getBillingReason(), stripe.getHostedInvoiceUrl(), time(stripe.getCreated()),
                transitions == null ? null : time(transitions.getFinalizedAt()),
                transitions == null ? null : time(transitions.getPaidAt()),
                transitions == null ? null : time(transitions.getVoidedAt()));
    }

    public static String subscriptionOf(com.stripe.model.Invoice invoice) {
        Parent parent = invoice.getParent();
        return parent == null || parent.getSubscriptionDetails() == null ? null
                : parent.getSubscriptionDetails().getSubscription();
    }

    /**
     * The service period an invoice bills is its subscription line's period. The invoice's own
     * period_start/period_end is, for a renewal, the period that just ended.
     */
    static Optional<InvoiceLineItem> billedPeriod(com.stripe.model.Invoice invoice) {
        if (invoice.getLines() == null || invoice.getLines().getData() == null) {
            return Optional.empty();
        }
        return invoice.getLines().getData().stream()
                .filter(line -> line.getPeriod() != null && line.getParent() != null
                        && line.getParent().getSubscriptionItemDetails() != null
                        && line.getParent().getSubscriptionItemDetails().getSubscription() != null)
                .findFirst();
    }
}
