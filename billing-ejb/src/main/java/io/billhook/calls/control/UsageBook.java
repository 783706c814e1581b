package io.billhook.calls.control;

import io.billhook.calls.entity.Call;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * The usage records whose meter events Stripe rejected after it took them: unbillable, with Stripe's reason, and
     * reported no more (the report was not billed). Their companies, for the alert.
     */
    public List<Long> rejected(List<Long> usageIds, String reason) {
        if (usageIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> companies = em.createNativeQuery("""
                        UPDATE call_usage SET unbillable = true, reported_at = NULL, next_report_at = NULL,
                                              last_report_error = ?1
                         WHERE id = ANY (string_to_array(?2, ',')::bigint[])
                        RETURNING company_id""")
                .setParameter(1, reason.length() > 500 ? reason.substring(0, 499) + "…" : reason)
                .setParameter(2, usageIds.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        return companies.stream().map(Number::longValue).distinct().toList();
    }
}
