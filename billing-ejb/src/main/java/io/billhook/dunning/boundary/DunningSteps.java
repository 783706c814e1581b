package io.billhook.dunning.boundary;

import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.Policy;
import io.billhook.dunning.entity.PolicyStep;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs the dunning steps that are due, each exactly once: the due cases are claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so two nodes take different ones, and each step's run is a row keyed by case and step, so a step that ran
 * does not run again after a retry or a restart. When several steps of a case are due at once (a server that was
 * down), the latest runs and those before it are recorded as skipped: a customer is not sent a week's notices in a
 * minute.
 */
@Stateless
public class DunningSteps {

    private static final System.Logger LOG = System.getLogger(DunningSteps.class.getName());

    private static final String DUE = """
            SELECT id, company_id, stripe_invoice_id, opened_at, step, policy_version,
                   extract(epoch FROM paused_for)::bigint FROM dunning_case
             WHERE closed_at IS NULL AND paused_at IS NULL AND next_step_at <= ?1
             ORDER BY next_step_at LIMIT ?2 FOR UPDATE SKIP LOCKED""";

    /** Pauses whose end has come end, as a resume would end them. */
    private static final String PAUSES_OVER = """
            UPDATE dunning_case SET paused_for = paused_for + (paused_until - paused_at),
                                    next_step_at = next_step_at + (paused_until - paused_at),
                                    paused_at = NULL, paused_until = NULL, updated_at = now()
             WHERE paused_at IS NOT NULL AND paused_until <= ?1""";

    private static final String RUN = """
            INSERT INTO dunning_step_run (case_id, step, name, state, access, ran_at, skipped)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (case_id, step) DO NOTHING""";

    @PersistenceContext
    EntityManager em;

    @Inject
    DunningPolicies policies;

    /** @return how many cases it moved on */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int runDue(OffsetDateTime now, int limit) {
        em.createNativeQuery(PAUSES_OVER).setParameter(1, now).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(DUE).setParameter(1, now).setParameter(2, limit).getResultList();
        for (Object[] row : due) {
            long id = ((Number) row[0]).longValue();
            OffsetDateTime openedAt = time(row[3]);
            int step = ((Number) row[4]).intValue();
            Policy policy = policies.version((String) row[5]);
            Duration paused = Duration.ofSeconds(((Number) row[6]).longValue());
            int reached = policy.dueAt(Duration.between(openedAt, now).minus(paused));
            for (int skipped = step + 1; skipped < reached; skipped++) {
                run(id, skipped, policy.steps().get(skipped), now, true);
            }
            if (reached > step) {
                PolicyStep ran = policy.steps().get(reached);
                run(id, reached, ran, now, false);
                LOG.log(Level.INFO, "Dunning case {0} (invoice {1}, company {2}): step {3}, {4}, access {5}", id, row[2],
                        row[1], ran.name(), ran.state(), ran.access());
            }
            int at = Math.max(step, reached);
            OffsetDateTime next = policy.after(at).map(following -> openedAt.plus(paused).plus(following.after())).orElse(null);
            em.createNativeQuery("UPDATE dunning_case SET step = ?2, next_step_at = ?3::timestamptz, updated_at = now() WHERE id = ?1")
                    .setParameter(1, id).setParameter(2, at).setParameter(3, next).executeUpdate();
        }
        return due.size();
    }

    private void run(long caseId, int index, PolicyStep step, OffsetDateTime at, boolean skipped) {
        em.createNativeQuery(RUN).setParameter(1, caseId).setParameter(2, index).setParameter(3, step.name())
                .setParameter(4, step.state().name()).setParameter(5, step.access().name()).setParameter(6, at)
                .setParameter(7, skipped).executeUpdate();
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + value);
    }
}
