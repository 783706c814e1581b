package io.billhook.webhooks.control;

import static java.util.Map.entry;

import com.stripe.model.Event;
import io.billhook.bookings.control.CalcomBookingEvents;
import io.billhook.calls.control.RetellCallEvents;
import io.billhook.companies.control.StripeCustomerEvents;
import io.billhook.invoices.control.StripeInvoiceEvents;
import io.billhook.payments.control.StripePaymentEvents;
import io.billhook.records.control.StripeRecordEvents;
import io.billhook.subscriptions.control.StripeSubscriptionEvents;
import io.billhook.webhooks.boundary.WebhookEventLogger;
import io.billhook.webhooks.entity.Outcome;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.WebhookEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Hands an event to the feature that applies it. The table below is the catalogue of Stripe event types with an effect. */
@Dependent
public class Dispatcher {

    @Inject
    StripeCustomerEvents customers;

    @Inject
    StripeInvoiceEvents invoices;

    @Inject
    StripeSubscriptionEvents subscriptions;

    @Inject
    StripePaymentEvents payments;

    @Inject
    StripeRecordEvents records;

    @Inject
    WebhookEventLogger logger;

    @Inject
    RetellCallEvents calls;

    @Inject
    CalcomBookingEvents bookings;

    /** The Retell events with an effect; transcript and transfer events are acknowledged and IGNORED. */
    private static final Set<String> RETELL_EVENTS = Set.of("call_started", "call_ended", "call_analyzed");

    private Map<String, Function<Event, Outcome>> stripe;

    /** The Stripe event types with an effect, and what applies them. Every other type is IGNORED, with its reason. */
    @PostConstruct
    void catalogue() {
        stripe = Map.ofEntries(
                entry("customer.created", customers::changed),
                entry("customer.updated", customers::changed),
                entry("customer.deleted", customers::deleted),
                entry("customer.subscription.created", subscriptions::changed),
                entry("customer.subscription.updated", subscriptions::changed),
                entry("customer.subscription.deleted", subscriptions::changed),
                entry("customer.subscription.paused", subscriptions::changed),
                entry("customer.subscription.resumed", subscriptions::changed),
                entry("customer.subscription.trial_will_end", subscriptions::trialWillEnd),
                entry("invoice.created", invoices::changed),
                entry("invoice.finalized", invoices::changed),
                entry("invoice.finalization_failed", invoices::finalizationFailed),
                entry("invoice.sent", invoices::sent),
                entry("invoice.paid", invoices::changed),
                entry("invoice.payment_succeeded", invoices::changed),
                entry("invoice.payment_failed", invoices::paymentFailed),
                entry("invoice.payment_action_required", invoices::changed),
                entry("invoice.voided", invoices::changed),
                entry("invoice.marked_uncollectible", invoices::changed),
                entry("invoice.updated", invoices::changed),
                entry("invoice.deleted", invoices::deleted),
                entry("invoice.upcoming", invoices::upcoming),
                entry("invoice_payment.paid", records::invoicePayment),
                entry("invoiceitem.created", records::invoiceItem),
                entry("credit_note.created", records::creditNote),
                entry("charge.succeeded", payments::charge),
                entry("charge.failed", payments::charge),
                entry("charge.refunded", payments::charge),
                entry("charge.captured", payments::charge),
                entry("charge.pending", payments::charge),
                entry("charge.updated", payments::charge),
                entry("charge.refund.updated", payments::refund),
                entry("charge.dispute.created", payments::dispute),
                entry("charge.dispute.closed", payments::dispute),
                entry("refund.created", payments::refund),
                entry("refund.updated", payments::refund),
                entry("payment_intent.created", payments::paymentIntent),
                entry("payment_intent.succeeded", payments::paymentIntent),
                entry("payment_intent.payment_failed", payments::paymentIntent),
                entry("payment_intent.canceled", payments::paymentIntent),
                entry("payment_intent.processing", payments::paymentIntent),
                entry("payment_intent.requires_action", payments::paymentIntent),
                entry("checkout.session.completed", records::checkoutSession),
                entry("checkout.session.expired", records::checkoutSession),
                entry("payment_method.attached", records::paymentMethod),
                entry("payment_method.detached", records::paymentMethod),
                entry("setup_intent.succeeded", records::setupIntent),
                entry("subscription_schedule.created", records::subscriptionSchedule),
                entry("product.created", records::catalogue),
                entry("price.created", records::catalogue),
                entry("plan.created", records::catalogue));
    }

    public Set<String> stripeTypesWithEffect() {
        return stripe.keySet();
    }

    public Outcome dispatch(WebhookEvent event) {
        if (event.provider() == Provider.RETELL) {
            return RETELL_EVENTS.contains(event.type()) ? calls.apply(event.type(), event.payload())
                    : Outcome.ignored("informational: Retell " + event.type() + " has no effect on billing");
        }
        if (event.provider() == Provider.CALCOM) {
            return CalcomBookingEvents.TRIGGERS.contains(event.type()) ? bookings.apply(event.type(), event.payload())
                    : Outcome.ignored("informational: Cal.com " + event.type() + " has no effect on billing");
        }
        Event stripeEvent = StripePayloads.event(event.payload());
        logger.apiVersionSeen(stripeEvent.getApiVersion());
        Function<Event, Outcome> handler = stripe.get(event.type());
        Outcome outcome = handler == null
                ? Outcome.ignored("informational: " + event.type() + " has no effect on billing")
                : handler.apply(stripeEvent);
        StripeDetail.of(stripeEvent).ifPresent(detail -> logger.stripeDetail(event, detail));
        return outcome;
    }
}
