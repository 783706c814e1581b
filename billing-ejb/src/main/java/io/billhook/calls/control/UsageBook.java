package io.billhook.calls.control;

import io.billhook.calls.entity.Call;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;

/** Call usage: one record per ended call, whatever number of events or retries tell of it. */
@Dependent
public class UsageBook {

    @PersistenceContext
    EntityManager em;

    public void record(Call call) {
        em.createNativeQuery("""
                        INSERT INTO call_usage (company_id, call_id, billable_seconds, occurred_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (call_id) DO NOTHING""")
                .setParameter(1, call.companyId())
                .setParameter(2, call.callId())
                .setParameter(3, call.billableSeconds())
                .setParameter(4, call.endedAt() != null ? call.endedAt() : OffsetDateTime.now())
                .executeUpdate();
    }
}
