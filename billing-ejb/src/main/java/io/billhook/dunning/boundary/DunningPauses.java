package io.billhook.dunning.boundary;

import io.billhook.dunning.control.DunningClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;

/**
 * An operator's pause of a company's dunning (a payment promised, a dispute being sorted out): its open cases send
 * nothing and escalate nothing until it is resumed or its end comes, and then their steps come as much later as the
 * pause lasted. A case that opens during a pause is not paused.
 */
@Stateless
public class DunningPauses {

    private static final System.Logger LOG = System.getLogger(DunningPauses.class.getName());

    private static final String PAUSE = """
            UPDATE dunning_case SET paused_at = coalesce(paused_at, ?2), paused_until = ?3::timestamptz, updated_at = now()
             WHERE company_id = ?1 AND closed_at IS NULL""";

    private static final String RESUME = """
            UPDATE dunning_case SET paused_for = paused_for + (?2 - paused_at), next_step_at = next_step_at + (?2 - paused_at),
                                    paused_at = NULL, paused_until = NULL, updated_at = now()
             WHERE company_id = ?1 AND paused_at IS NOT NULL""";

    @PersistenceContext
    EntityManager em;

    @Inject
    DunningClock clock;

    /** {@code until} null: until it is resumed. @return the cases paused */
    public int pause(long companyId, OffsetDateTime until) {
        int paused = em.createNativeQuery(PAUSE).setParameter(1, companyId).setParameter(2, clock.now())
                .setParameter(3, until == null ? "infinity" : until.toString()).executeUpdate();
        LOG.log(Level.INFO, "Dunning of company {0} paused {1}: {2} open case(s)", companyId,
                until == null ? "until resumed" : "until " + until, paused);
        return paused;
    }

    /** @return the cases resumed */
    public int resume(long companyId) {
        int resumed = em.createNativeQuery(RESUME).setParameter(1, companyId).setParameter(2, clock.now()).executeUpdate();
        LOG.log(Level.INFO, "Dunning of company {0} resumed: {1} case(s)", companyId, resumed);
        return resumed;
    }
}
