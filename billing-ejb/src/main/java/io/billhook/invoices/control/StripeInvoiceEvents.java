package io.billhook.invoices.control;

import static io.billhook.webhooks.control.StripePayloads.time;

import com.stripe.model.Event;
import com.stripe.model.Invoice.Parent;
import com.stripe.model.InvoiceLineItem;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.invoices.entity.BillingPeriod;
import io.billhook.invoices.entity.Invoice;
import io.billhook.invoices.entity.Money;
import io.billhook.webhooks.control.StripePayloads;
import io.billhook.webhooks.entity.Outcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;

/** Invoice events. An invoice carries only its customer id: the company is found through the customer link. */
@Dependent
public class StripeInvoiceEvents {

    @Inject
    CompanyDirectory companies;

    @Inject
    Ledger ledger;

    /** invoice.finalized: the invoice is open, numbered, and attached to the billing period it bills. */
    public Outcome finalized(Event event) {
        com.stripe.model.Invoice stripe = StripePayloads.object(event, com.stripe.model.Invoice.class);
        long companyId = companies.companyOfStripeCustomer(stripe.getCustomer());
        Invoice invoice = ledger.invoice(stripe.getId(), companyId, stripe.getCustomer(), stripe.getCurrency());
        invoice.describedBy(subscriptionOf(stripe), stripe.getBillingReason(), time(stripe.getCreated()));
        invoice.amounts(Money.of(stripe.getAmountDue(), stripe.getCurrency()),
                Money.of(stripe.getAmountPaid(), stripe.getCurrency()),
                Money.of(stripe.getAmountRemaining(), stripe.getCurrency()));
        invoice.finalized(stripe.getNumber(),
                stripe.getStatusTransitions() == null ? null : time(stripe.getStatusTransitions().getFinalizedAt()),
                stripe.getHostedInvoiceUrl());
        billedPeriod(stripe).ifPresent(line -> {
            BillingPeriod period = ledger.billingPeriod(companyId, line.getParent().getSubscriptionItemDetails().getSubscription(),
                    time(line.getPeriod().getStart()), time(line.getPeriod().getEnd()));
            period.attach(invoice);
        });
        return Outcome.applied(companyId);
    }

    private static String subscriptionOf(com.stripe.model.Invoice invoice) {
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
