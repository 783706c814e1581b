package io.billhook.billing.control;

import io.billhook.billing.entity.BillingPeriod;
import io.billhook.billing.entity.Invoice;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Finds or creates invoices and billing periods. Rows are created with INSERT … ON CONFLICT and then
 * read under a row lock, so concurrent events about one invoice serialise instead of colliding.
 */
@Dependent
public class Ledger {

    @PersistenceContext
    EntityManager em;

    public Invoice invoice(String stripeInvoiceId, long companyId, String stripeCustomerId, String currency) {
        em.createNativeQuery("""
                        INSERT INTO invoice (stripe_invoice_id, company_id, stripe_customer_id, status, currency,
                                             amount_due, amount_paid, amount_remaining)
                        VALUES (?1, ?2, ?3, 'DRAFT', ?4, 0, 0, 0)
                        ON CONFLICT (stripe_invoice_id) DO NOTHING""")
                .setParameter(1, stripeInvoiceId)
                .setParameter(2, companyId)
                .setParameter(3, stripeCustomerId)
                .setParameter(4, currency)
                .executeUpdate();
        return em.createQuery("SELECT i FROM Invoice i WHERE i.stripeInvoiceId = :id", Invoice.class)
                .setParameter("id", stripeInvoiceId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
    }

    public BillingPeriod billingPeriod(long companyId, String stripeSubscriptionId, OffsetDateTime start,
                                       OffsetDateTime end) {
        em.createNativeQuery("""
                        INSERT INTO billing_period (company_id, stripe_subscription_id, period_start, period_end, status)
                        VALUES (?1, ?2, ?3, ?4, 'PENDING')
                        ON CONFLICT (stripe_subscription_id, period_start) DO NOTHING""")
                .setParameter(1, companyId)
                .setParameter(2, stripeSubscriptionId)
                .setParameter(3, start)
                .setParameter(4, end)
                .executeUpdate();
        return em.createQuery("""
                        SELECT p FROM BillingPeriod p
                         WHERE p.stripeSubscriptionId = :subscription AND p.periodStart = :start""", BillingPeriod.class)
                .setParameter("subscription", stripeSubscriptionId)
                .setParameter("start", start)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
    }

    public Optional<Invoice> findInvoice(String stripeInvoiceId) {
        return em.createQuery("SELECT i FROM Invoice i WHERE i.stripeInvoiceId = :id", Invoice.class)
                .setParameter("id", stripeInvoiceId)
                .getResultStream()
                .findFirst();
    }

    public BillingPeriod billingPeriod(long id) {
        return em.find(BillingPeriod.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
