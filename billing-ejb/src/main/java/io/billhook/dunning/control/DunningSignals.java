package io.billhook.dunning.control;

import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import io.billhook.billing.control.Ledger;
import io.billhook.billing.control.StripeInvoiceEvents;
import io.billhook.billing.entity.InvoiceStatus;
import io.billhook.handling.entity.EventDispatched;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.stripe.control.StripePayloads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What opens and closes dunning cases, watched on every applied Stripe event in its own transaction: a failed
 * invoice payment, or a subscription gone {@code past_due}/{@code unpaid} for its latest invoice, opens one; a paid,
 * voided or uncollectible invoice, or a canceled subscription, closes it. A failure of an invoice whose mirror is
 * already paid opens its case closed.
 */
@ApplicationScoped
public class DunningSignals {

    private static final Set<String> PAID = Set.of("invoice.paid", "invoice.payment_succeeded");

    @Inject
    DunningCases cases;

    @Inject
    DunningPolicies policies;

    @Inject
    Ledger ledger;

    void dispatched(@Observes EventDispatched dispatched) {
        ReceivedEvent received = dispatched.event();
        if (received.provider() != Provider.STRIPE || StripePayloads.isThin(received.type())
                || !dispatched.outcome().applied() || dispatched.outcome().companyId() == null) {
            return;
        }
        String type = received.type();
        if (!type.startsWith("invoice.") && !type.startsWith("customer.subscription.")) {
            return;
        }
        Event event = received.read(StripePayloads::event);
        long company = dispatched.outcome().companyId();
        if (type.startsWith("invoice.")) {
            invoice(type, StripePayloads.object(event, Invoice.class), company, event);
        } else {
            subscription(type, StripePayloads.object(event, Subscription.class), company, event);
        }
    }

    private void invoice(String type, Invoice invoice, long company, Event event) {
        if ("invoice.payment_failed".equals(type)) {
            cases.failed(invoice.getId(), company, StripeInvoiceEvents.subscriptionOf(invoice), invoice.getAmountDue(),
                    invoice.getCurrency() == null ? null : invoice.getCurrency().toUpperCase(Locale.ROOT),
                    StripePayloads.time(event.getCreated()), policies.current(), settled(invoice.getId()));
        } else if (PAID.contains(type)) {
            cases.closed(invoice.getId(), "PAID", StripePayloads.time(event.getCreated()));
        } else if ("invoice.voided".equals(type)) {
            cases.closed(invoice.getId(), "VOIDED", StripePayloads.time(event.getCreated()));
        } else if ("invoice.marked_uncollectible".equals(type)) {
            cases.closed(invoice.getId(), "UNCOLLECTIBLE", StripePayloads.time(event.getCreated()));
        }
    }

    private void subscription(String type, Subscription subscription, long company, Event event) {
        if ("customer.subscription.deleted".equals(type) || "canceled".equals(subscription.getStatus())) {
            cases.subscriptionEnded(subscription.getId(), StripePayloads.time(event.getCreated()));
        } else if (("past_due".equals(subscription.getStatus()) || "unpaid".equals(subscription.getStatus()))
                && subscription.getLatestInvoice() != null) {
            cases.failed(subscription.getLatestInvoice(), company, subscription.getId(), null, null,
                    StripePayloads.time(event.getCreated()), policies.current(), settled(subscription.getLatestInvoice()));
        }
    }

    /**
     * Whether the invoice's mirror, with this event applied, says it stopped being due: a payment (or void, or
     * write-off) that came before the failure that is being applied, by delivery order, with the time of that state.
     */
    private Optional<DunningCases.Settled> settled(String stripeInvoiceId) {
        return ledger.findInvoice(stripeInvoiceId).flatMap(mirror -> reason(mirror.status())
                .map(reason -> new DunningCases.Settled(reason, StripePayloads.time(mirror.stateCreated()))));
    }

    private static Optional<String> reason(InvoiceStatus status) {
        return switch (status) {
            case PAID -> Optional.of("PAID");
            case VOID -> Optional.of("VOIDED");
            case UNCOLLECTIBLE -> Optional.of("UNCOLLECTIBLE");
            case DRAFT, OPEN -> Optional.empty();
        };
    }
}
