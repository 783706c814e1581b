package io.billhook.records.control;

import io.billhook.records.entity.StripeRecord;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Finds or creates recorded Stripe objects (INSERT … ON CONFLICT, then a row lock). */
@Dependent
public class RecordBook {

    @PersistenceContext
    EntityManager em;

    public StripeRecord record(String stripeId, String objectType, Long companyId) {
        em.createNativeQuery("""
                        INSERT INTO stripe_record (stripe_id, object_type, company_id) VALUES (?1, ?2, CAST(?3 AS bigint))
                        ON CONFLICT (stripe_id) DO NOTHING""")
                .setParameter(1, stripeId)
                .setParameter(2, objectType)
                .setParameter(3, companyId)
                .executeUpdate();
        return em.find(StripeRecord.class, stripeId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<StripeRecord> find(String stripeId) {
        return Optional.ofNullable(stripeId == null ? null : em.find(StripeRecord.class, stripeId));
    }
}
