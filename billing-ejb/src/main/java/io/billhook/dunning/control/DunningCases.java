package io.billhook.dunning.control;

import io.billhook.dunning.entity.Policy;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;

/**
 * The dunning cases as an invoice's events leave them, in the event's own transaction. Each write is one upsert whose
 * result does not depend on the order the events come in: the earliest failure opens the case, a closing event closes
 * it for good, and a repeat changes nothing.
 */
@Dependent
public class DunningCases {

    private static final String FAILED = """
            INSERT INTO dunning_case (stripe_invoice_id, company_id, stripe_subscription_id, amount_due, currency,
                                      opened_at, policy_version, next_step_at)
            VALUES (?1, ?2, ?3::text, ?4::bigint, ?5::text, ?6, ?7, ?8)
            ON CONFLICT (stripe_invoice_id) DO UPDATE SET
                stripe_subscription_id = coalesce(dunning_case.stripe_subscription_id, excluded.stripe_subscription_id),
                amount_due = coalesce(excluded.amount_due, dunning_case.amount_due),
                currency = coalesce(excluded.currency, dunning_case.currency),
                opened_at = least(dunning_case.opened_at, excluded.opened_at),
                policy_version = coalesce(dunning_case.policy_version, excluded.policy_version),
                next_step_at = CASE WHEN dunning_case.closed_at IS NOT NULL THEN NULL
                                    WHEN dunning_case.step = -1 THEN least(dunning_case.next_step_at, excluded.next_step_at)
                                    ELSE dunning_case.next_step_at END,
                updated_at = now()""";

    private static final String CLOSED = """
            INSERT INTO dunning_case (stripe_invoice_id, company_id, closed_at, close_reason)
            VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (stripe_invoice_id) DO UPDATE SET
                closed_at = coalesce(dunning_case.closed_at, excluded.closed_at),
                close_reason = coalesce(dunning_case.close_reason, excluded.close_reason),
                next_step_at = NULL, updated_at = now()""";

    private static final String SUBSCRIPTION_ENDED = """
            UPDATE dunning_case SET closed_at = ?2, close_reason = 'CANCELED', next_step_at = NULL, updated_at = now()
             WHERE stripe_subscription_id = ?1 AND closed_at IS NULL""";

    @PersistenceContext
    EntityManager em;

    /** The invoice failed to be paid at {@code at} (the event's time): its case opens, on {@code policy}, unless closed. */
    public void failed(String stripeInvoiceId, long companyId, String stripeSubscriptionId, Long amountDue, String currency,
                       OffsetDateTime at, Policy policy) {
        em.createNativeQuery(FAILED)
                .setParameter(1, stripeInvoiceId)
                .setParameter(2, companyId)
                .setParameter(3, stripeSubscriptionId)
                .setParameter(4, amountDue)
                .setParameter(5, currency)
                .setParameter(6, at)
                .setParameter(7, policy.version())
                .setParameter(8, at.plus(policy.steps().get(0).after()))
                .executeUpdate();
    }

    /** The invoice was paid, voided or written off at {@code at}: its case is closed, also before it opens. */
    public void closed(String stripeInvoiceId, long companyId, String reason, OffsetDateTime at) {
        em.createNativeQuery(CLOSED)
                .setParameter(1, stripeInvoiceId)
                .setParameter(2, companyId)
                .setParameter(3, at)
                .setParameter(4, reason)
                .executeUpdate();
    }

    /** The subscription ended: the open cases of its invoices close. */
    public void subscriptionEnded(String stripeSubscriptionId, OffsetDateTime at) {
        em.createNativeQuery(SUBSCRIPTION_ENDED).setParameter(1, stripeSubscriptionId).setParameter(2, at).executeUpdate();
    }
}
