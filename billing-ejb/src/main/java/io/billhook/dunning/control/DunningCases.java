package io.billhook.dunning.control;

import io.billhook.dunning.entity.Policy;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The dunning cases as an invoice's events leave them, in the event's own transaction, whatever the order the events
 * come in: the earliest failure opens the case, a closing event closes it for good, and a repeat changes nothing. A
 * closing event finds a case only if one opened: a payment that came before its failure is found by the failure, in
 * the invoice's own mirror, so that no paid invoice leaves a row here.
 */
@Dependent
public class DunningCases {

    private static final String FAILED = """
            INSERT INTO dunning_case (stripe_invoice_id, company_id, stripe_subscription_id, amount_due, currency,
                                      opened_at, policy_version, next_step_at, closed_at, close_reason)
            VALUES (?1, ?2, ?3::text, ?4::bigint, ?5::text, ?6, ?7, ?8::timestamptz, ?9::timestamptz, ?10::text)
            ON CONFLICT (stripe_invoice_id) DO UPDATE SET
                stripe_subscription_id = coalesce(dunning_case.stripe_subscription_id, excluded.stripe_subscription_id),
                amount_due = coalesce(excluded.amount_due, dunning_case.amount_due),
                currency = coalesce(excluded.currency, dunning_case.currency),
                opened_at = least(dunning_case.opened_at, excluded.opened_at),
                next_step_at = CASE WHEN dunning_case.closed_at IS NOT NULL THEN NULL
                                    WHEN dunning_case.step = -1 THEN least(dunning_case.next_step_at, excluded.next_step_at)
                                    ELSE dunning_case.next_step_at END,
                updated_at = now()""";

    private static final String CLOSED = """
            UPDATE dunning_case SET closed_at = ?2, close_reason = ?3, next_step_at = NULL, updated_at = now()
             WHERE stripe_invoice_id = ?1 AND closed_at IS NULL""";

    private static final String SUBSCRIPTION_ENDED = """
            UPDATE dunning_case SET closed_at = ?2, close_reason = 'CANCELED', next_step_at = NULL, updated_at = now()
             WHERE stripe_subscription_id = ?1 AND closed_at IS NULL""";

    @PersistenceContext
    EntityManager em;

    /**
     * The invoice failed to be paid at {@code at} (the event's time): its case opens, on {@code policy}; closed at once
     * when {@code settled} says the invoice was already paid, voided or written off by then.
     */
    public void failed(String stripeInvoiceId, long companyId, String stripeSubscriptionId, Long amountDue, String currency,
                       OffsetDateTime at, Policy policy, Optional<Settled> settled) {
        em.createNativeQuery(FAILED)
                .setParameter(1, stripeInvoiceId)
                .setParameter(2, companyId)
                .setParameter(3, stripeSubscriptionId)
                .setParameter(4, amountDue)
                .setParameter(5, currency)
                .setParameter(6, at)
                .setParameter(7, policy.version())
                .setParameter(8, settled.isPresent() ? null : at.plus(policy.steps().get(0).after()))
                .setParameter(9, settled.map(Settled::at).orElse(null))
                .setParameter(10, settled.map(Settled::reason).orElse(null))
                .executeUpdate();
    }

    /** The invoice was paid, voided or written off at {@code at}: its open case, if it has one, is closed. */
    public void closed(String stripeInvoiceId, String reason, OffsetDateTime at) {
        em.createNativeQuery(CLOSED)
                .setParameter(1, stripeInvoiceId)
                .setParameter(2, at)
                .setParameter(3, reason)
                .executeUpdate();
    }

    /** How and when an invoice stopped being due. */
    public record Settled(String reason, OffsetDateTime at) {
    }

    /** The subscription ended: the open cases of its invoices close. */
    public void subscriptionEnded(String stripeSubscriptionId, OffsetDateTime at) {
        em.createNativeQuery(SUBSCRIPTION_ENDED).setParameter(1, stripeSubscriptionId).setParameter(2, at).executeUpdate();
    }
}
