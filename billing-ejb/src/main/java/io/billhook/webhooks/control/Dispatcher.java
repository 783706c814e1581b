package io.billhook.webhooks.control;

import com.stripe.model.Event;
import io.billhook.companies.control.StripeCustomerEvents;
import io.billhook.invoices.control.StripeInvoiceEvents;
import io.billhook.webhooks.boundary.WebhookEventLogger;
import io.billhook.webhooks.entity.Outcome;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.WebhookEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/** Hands an event to the feature that applies it. The table below is the catalogue of Stripe event types with an effect. */
@Dependent
public class Dispatcher {

    @Inject
    StripeCustomerEvents customers;

    @Inject
    StripeInvoiceEvents invoices;

    @Inject
    WebhookEventLogger logger;

    private Map<String, Function<Event, Outcome>> stripe;

    @PostConstruct
    void catalogue() {
        stripe = Map.of(
                "customer.created", customers::changed,
                "customer.updated", customers::changed,
                "invoice.finalized", invoices::finalized);
    }

    public Outcome dispatch(WebhookEvent event) {
        if (event.provider() != Provider.STRIPE) {
            return Outcome.ignored("no handler for " + event.provider().key() + " events yet");
        }
        Event stripeEvent = StripePayloads.event(event.payload());
        Function<Event, Outcome> handler = stripe.get(event.type());
        Outcome outcome = handler == null ? Outcome.ignored("no handler for " + event.type()) : handler.apply(stripeEvent);
        StripeDetail.of(stripeEvent).ifPresent(detail -> logger.stripeDetail(event, detail));
        return outcome;
    }
}
