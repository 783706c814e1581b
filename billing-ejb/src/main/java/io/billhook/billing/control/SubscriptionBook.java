package io.billhook.billing.control;

import com.stripe.model.SubscriptionItem;
import io.billhook.billing.entity.Subscription;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Finds or creates subscriptions (INSERT … ON CONFLICT, then a row lock), and keeps their items. */
@Dependent
public class SubscriptionBook {

    @PersistenceContext
    EntityManager em;

    public Subscription subscription(String stripeSubscriptionId, long companyId, String stripeCustomerId) {
        em.createNativeQuery("""
                        INSERT INTO subscription (stripe_subscription_id, company_id, stripe_customer_id, status)
                        VALUES (?1, ?2, ?3, 'incomplete') ON CONFLICT (stripe_subscription_id) DO NOTHING""")
                .setParameter(1, stripeSubscriptionId)
                .setParameter(2, companyId)
                .setParameter(3, stripeCustomerId)
                .executeUpdate();
        return em.find(Subscription.class, stripeSubscriptionId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Subscription> find(String stripeSubscriptionId) {
        return Optional.ofNullable(em.find(Subscription.class, stripeSubscriptionId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The items as the accepted snapshot lists them: prices, quantities, and whether usage is metered. */
    public void items(String stripeSubscriptionId, List<SubscriptionItem> items) {
        em.createNativeQuery("DELETE FROM subscription_item WHERE stripe_subscription_id = ?1")
                .setParameter(1, stripeSubscriptionId)
                .executeUpdate();
        for (SubscriptionItem item : items) {
            var price = item.getPrice();
            em.createNativeQuery("""
                            INSERT INTO subscription_item (stripe_subscription_item_id, stripe_subscription_id, price_id,
                                                           product_id, quantity, unit_amount, currency, interval, metered)
                            VALUES (?1, ?2, ?3, ?4, CAST(?5 AS bigint), CAST(?6 AS bigint), ?7, ?8, ?9)
                            ON CONFLICT (stripe_subscription_item_id) DO UPDATE
                               SET stripe_subscription_id = excluded.stripe_subscription_id, price_id = excluded.price_id,
                                   product_id = excluded.product_id, quantity = excluded.quantity,
                                   unit_amount = excluded.unit_amount, currency = excluded.currency,
                                   interval = excluded.interval, metered = excluded.metered""")
                    .setParameter(1, item.getId())
                    .setParameter(2, stripeSubscriptionId)
                    .setParameter(3, price == null ? null : price.getId())
                    .setParameter(4, price == null ? null : price.getProduct())
                    .setParameter(5, item.getQuantity())
                    .setParameter(6, price == null ? null : price.getUnitAmount())
                    .setParameter(7, price == null || price.getCurrency() == null ? null : price.getCurrency().toUpperCase())
                    .setParameter(8, price == null || price.getRecurring() == null ? null : price.getRecurring().getInterval())
                    .setParameter(9, price != null && price.getRecurring() != null
                            && "metered".equals(price.getRecurring().getUsageType()))
                    .executeUpdate();
        }
    }

    /** Says whether the subscription is known. */
    public boolean nextInvoice(String stripeSubscriptionId, Long amount, String currency, OffsetDateTime at) {
        return find(stripeSubscriptionId).map(subscription -> {
            subscription.nextInvoice(amount == null ? 0 : amount, currency, at);
            return true;
        }).orElse(false);
    }
}
