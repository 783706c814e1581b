package io.billhook.billing.control;

import io.billhook.Jsonp;
import io.billhook.billing.entity.Invoice;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.stripe.control.StripeObjects;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The thin forms of the invoice and subscription events ({@code v1.invoice.paid}, {@code
 * v1.customer.subscription.updated}, …) that a Stripe event destination sends: no snapshot, only the object they are
 * about ({@code related_object}). That object is fetched from the Stripe API and applied as it was read, by the
 * same freshness rules as the snapshot events' (a later stored state is kept).
 */
@Dependent
public class StripeThinEvents implements EventHandler {

    private static final List<String> INVOICE_TYPES = List.of("created", "finalized", "finalization_failed", "sent", "paid",
            "payment_succeeded", "payment_failed", "payment_action_required", "voided", "marked_uncollectible", "updated");

    private static final List<String> SUBSCRIPTION_TYPES = List.of("created", "updated", "deleted", "paused", "resumed",
            "trial_will_end");

    @Inject
    StripeObjects stripeObjects;

    @Inject
    StripeInvoiceEvents invoices;

    @Inject
    StripeSubscriptionEvents subscriptions;

    @Override
    public List<EventType> handles() {
        List<EventType> types = new ArrayList<>();
        for (String type : INVOICE_TYPES) {
            types.add(new EventType(Provider.STRIPE, "v1.invoice." + type, "fetches the invoice (a thin event) and mirrors"
                    + " it as invoice." + type + " does", event -> invoice(event, "payment_failed".equals(type)
                    ? Invoice::paymentFailed : invoice -> { })));
        }
        for (String type : SUBSCRIPTION_TYPES) {
            types.add(new EventType(Provider.STRIPE, "v1.customer.subscription." + type, "fetches the subscription (a thin"
                    + " event) and mirrors it as customer.subscription." + type + " does", this::subscription));
        }
        return types;
    }

    private Outcome invoice(ReceivedEvent event, Consumer<Invoice> also) {
        Invoice invoice = invoices.applyFetched(stripeObjects.invoice(related(event, "invoice")));
        also.accept(invoice);
        return Outcome.applied(invoice.companyId());
    }

    private Outcome subscription(ReceivedEvent event) {
        return Outcome.applied(subscriptions.applyFetched(stripeObjects.subscription(related(event, "subscription")))
                .companyId());
    }

    /** The id of the object a thin event is about, which must be of the kind its type says. */
    static String related(ReceivedEvent event, String kind) {
        JsonObject thin;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(event.payload()))) {
            thin = reader.readObject();
        } catch (RuntimeException e) {
            throw new PermanentFailure("the thin event is not a JSON object: " + e.getMessage(), e);
        }
        JsonObject related = thin.get("related_object") instanceof JsonObject object ? object : null;
        if (related == null || !kind.equals(related.getString("type", null)) || related.getString("id", null) == null) {
            throw new PermanentFailure(event.type() + " names no related " + kind);
        }
        return related.getString("id");
    }
}
