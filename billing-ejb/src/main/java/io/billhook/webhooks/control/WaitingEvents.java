package io.billhook.webhooks.control;

import io.billhook.webhooks.entity.Wakeup;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Claims stored events that wait too long and wakes them; the claim and the messages commit together.
 * Rows are claimed with SKIP LOCKED, so several servers can sweep one database; a repeated wake-up is
 * harmless because processing checks the row's status.
 */
@Stateless
public class WaitingEvents {

    private static final String CLAIM_LOST = """
            UPDATE webhook_event SET enqueued_at = now()
             WHERE id IN (SELECT id FROM webhook_event
                           WHERE (status = 'RECEIVED'
                                  OR status = 'RETRYING' AND next_attempt_at < now() - make_interval(secs => ?1))
                             AND enqueued_at < now() - make_interval(secs => ?1)
                           ORDER BY enqueued_at
                           LIMIT ?2
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, lane, correlation_id""";

    private static final String CLAIM_TRANSIENTLY_FAILED = """
            UPDATE webhook_event SET status = 'RETRYING', next_attempt_at = now(), enqueued_at = now()
             WHERE id IN (SELECT id FROM webhook_event
                           WHERE status = 'FAILED' AND last_failure_transient
                             AND processed_at < now() - make_interval(secs => ?1)
                             AND received_at > now() - make_interval(secs => ?3)
                           ORDER BY processed_at
                           LIMIT ?2
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, lane, correlation_id""";

    @PersistenceContext
    EntityManager em;

    @Inject
    EventQueue queue;

    /** Rows RECEIVED (or overdue RETRYING) whose wake-up is older than {@code age}: it was lost. */
    public List<Wakeup> wakeLost(Duration age, int limit) {
        return wakeUp(CLAIM_LOST, age, limit, Optional.empty());
    }

    /** FAILED rows whose last failure was transient, tried again once per {@code interval} until the horizon. */
    public List<Wakeup> wakeTransientlyFailed(Duration interval, Duration horizon, int limit) {
        return wakeUp(CLAIM_TRANSIENTLY_FAILED, interval, limit, Optional.of(horizon));
    }

    private List<Wakeup> wakeUp(String claim, Duration age, int limit, Optional<Duration> horizon) {
        var query = em.createNativeQuery(claim)
                .setParameter(1, (double) age.toMillis() / 1000)
                .setParameter(2, limit);
        horizon.ifPresent(h -> query.setParameter(3, (double) h.toMillis() / 1000));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Wakeup> wakeups = rows.stream()
                .map(Wakeup::ofRow)
                .toList();
        queue.wakeUp(wakeups);
        return wakeups;
    }
}
