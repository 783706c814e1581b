package io.billhook.payments.control;

import io.billhook.payments.entity.Charge;
import io.billhook.payments.entity.Dispute;
import io.billhook.payments.entity.Payment;
import io.billhook.payments.entity.Refund;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Finds or creates charges, payments, refunds and disputes. A new row starts at the first step of its
 * progression with nothing applied (last_event_created 0), so the first snapshot always sets it; rows are
 * created with INSERT … ON CONFLICT and read under a row lock, so concurrent events about one object
 * serialise instead of colliding.
 */
@Dependent
public class PaymentBook {

    @PersistenceContext
    EntityManager em;

    public Charge charge(String id, long companyId) {
        create("charge", "stripe_charge_id", id, companyId, "pending");
        return em.find(Charge.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Charge> findCharge(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Charge.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Payment payment(String id, long companyId) {
        create("payment", "stripe_payment_intent_id", id, companyId, "requires_payment_method");
        return em.find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Payment> findPayment(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Payment.class, id));
    }

    public Refund refund(String id, long companyId) {
        create("refund", "stripe_refund_id", id, companyId, "pending");
        return em.find(Refund.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Dispute dispute(String id, long companyId) {
        create("dispute", "stripe_dispute_id", id, companyId, "needs_response");
        return em.find(Dispute.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    private void create(String table, String idColumn, String id, long companyId, String firstStatus) {
        em.createNativeQuery("INSERT INTO " + table + " (" + idColumn + ", company_id, status, amount, currency)"
                        + " VALUES (?1, ?2, ?3, 0, '') ON CONFLICT (" + idColumn + ") DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, companyId)
                .setParameter(3, firstStatus)
                .executeUpdate();
    }
}
