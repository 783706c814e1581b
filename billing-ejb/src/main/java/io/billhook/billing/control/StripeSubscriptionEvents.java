package io.billhook.billing.control;

import static io.billhook.stripe.control.StripePayloads.eventType;
import static io.billhook.stripe.control.StripePayloads.time;

import com.stripe.model.Event;
import com.stripe.model.SubscriptionItem;
import io.billhook.billing.entity.Subscription;
import io.billhook.billing.entity.SubscriptionSnapshot;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.stripe.control.StripePayloads;
import io.billhook.stripe.control.StripeObjects;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * customer.subscription.*: the subscription, its items, and a billing period for its current period.
 * An update that arrives before the creation creates it; a stale update changes nothing that a newer
 * event set, and canceled stays canceled.
 */
@Dependent
public class StripeSubscriptionEvents implements EventHandler {

    /** The fields of the Stripe object this class reads: one missing is an API version shaped otherwise. */
    static final Set<String> SUBSCRIPTION_FIELDS = Set.of(
            "id", "customer", "status", "items", "metadata", "cancel_at_period_end", "canceled_at", "ended_at",
            "trial_end", "cancellation_details", "latest_invoice");

    @Inject
    CompanyDirectory companies;

    @Inject
    SubscriptionBook subscriptions;

    @Inject
    Ledger ledger;

    @Inject
    StripeObjects stripeObjects;

    @Override
    public List<EventType> handles() {
        String mirror = "mirrors the subscription and its items unless a newer state is stored (canceled stays"
                + " canceled), and opens the billing period of its current period";
        return List.of(
                eventType("customer.subscription.created", mirror, SUBSCRIPTION_FIELDS, this::changed),
                eventType("customer.subscription.updated", mirror, SUBSCRIPTION_FIELDS, this::changed),
                eventType("customer.subscription.deleted", mirror, SUBSCRIPTION_FIELDS, this::changed),
                eventType("customer.subscription.paused", mirror, SUBSCRIPTION_FIELDS, this::changed),
                eventType("customer.subscription.resumed", mirror, SUBSCRIPTION_FIELDS, this::changed),
                eventType("customer.subscription.trial_will_end", mirror + "; records the trial-end notice",
                        SUBSCRIPTION_FIELDS, this::trialWillEnd));
    }

    /** created, updated, deleted, paused, resumed. */
    public Outcome changed(Event event) {
        return apply(event).applied();
    }

    public Outcome trialWillEnd(Event event) {
        Applied applied = apply(event);
        applied.subscription().trialWillEnd(time(event.getCreated()));
        return applied.applied();
    }

    private Applied apply(Event event) {
        com.stripe.model.Subscription stripe = StripePayloads.object(event, com.stripe.model.Subscription.class);
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        Subscription subscription = subscriptions.subscription(stripe.getId(), companyId, stripe.getCustomer());
        if (!accept(subscription, stripe, event.getCreated())) {
            // older than what is stored: what Stripe has now is newer still, when the API can be asked
            stripeObjects.latestSubscription(stripe.getId())
                    .ifPresent(latest -> accept(subscription, latest.object(), latest.version()));
        }
        return new Applied(subscription, Outcome.applied(companyId));
    }

    /** A subscription fetched from the Stripe API, applied as its state at the time it was read. */
    public Subscription applyFetched(StripeObjects.Fetched<com.stripe.model.Subscription> fetched) {
        com.stripe.model.Subscription stripe = fetched.object();
        long companyId = companies.resolve(stripe.getMetadata(), stripe.getCustomer());
        Subscription subscription = subscriptions.subscription(stripe.getId(), companyId, stripe.getCustomer());
        accept(subscription, stripe, fetched.version());
        return subscription;
    }

    private boolean accept(Subscription subscription, com.stripe.model.Subscription stripe, long version) {
        List<SubscriptionItem> items = stripe.getItems() == null || stripe.getItems().getData() == null ? List.of()
                : stripe.getItems().getData();
        Optional<SubscriptionItem> first = items.stream().findFirst();
        SubscriptionSnapshot snapshot = new SubscriptionSnapshot(stripe.getStatus(),
                Boolean.TRUE.equals(stripe.getCancelAtPeriodEnd()),
                first.map(item -> time(item.getCurrentPeriodStart())).orElse(null),
                first.map(item -> time(item.getCurrentPeriodEnd())).orElse(null),
                time(stripe.getTrialEnd()), time(stripe.getCanceledAt()), time(stripe.getEndedAt()),
                stripe.getCancellationDetails() == null ? null : stripe.getCancellationDetails().getReason(),
                stripe.getLatestInvoice(), stripe.getSchedule());
        boolean fresh = subscription.accept(snapshot, version);
        if (fresh) {
            subscriptions.items(stripe.getId(), items);
        }
        if (snapshot.currentPeriodStart() != null && snapshot.currentPeriodEnd() != null) {
            ledger.billingPeriod(subscription.companyId(), stripe.getId(), snapshot.currentPeriodStart(),
                    snapshot.currentPeriodEnd());
        }
        return fresh;
    }

    private record Applied(Subscription subscription, Outcome applied) {
    }
}
