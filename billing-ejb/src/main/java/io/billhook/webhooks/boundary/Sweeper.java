package io.billhook.webhooks.boundary;

import io.billhook.webhooks.control.EventQueue;
import io.billhook.webhooks.entity.Wakeup;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes stored events whose wake-up message was lost: to a crash between the commit and the send, to a
 * failed send, or to a restart; and retries whose delayed wake-up is overdue. Rows are claimed with SKIP LOCKED, so several servers can sweep one
 * database; a repeated wake-up is harmless because processing checks the row's status.
 */
@Singleton
public class Sweeper {

    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());

    private static final String CLAIM = """
            UPDATE webhook_event SET enqueued_at = now()
             WHERE id IN (SELECT id FROM webhook_event
                           WHERE (status = 'RECEIVED'
                                  OR status = 'RETRYING' AND next_attempt_at < now() - make_interval(secs => ?1))
                             AND enqueued_at < now() - make_interval(secs => ?1)
                           ORDER BY enqueued_at
                           LIMIT ?2
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, lane, correlation_id""";

    private static final String RETRY_FAILED = """
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

    /** How long a stored event may wait before its wake-up is presumed lost. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SWEEP_AFTER", defaultValue = "2m")
    Duration sweepAfter;

    @Inject
    @ConfigProperty(name = "BILLHOOK_SWEEP_BATCH", defaultValue = "1000")
    int batch;

    /** The slow tier: how often a transiently FAILED event is tried again … */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SLOW_RETRY_INTERVAL", defaultValue = "1h")
    Duration slowRetryInterval;

    /** … and until how long after its receipt (Stripe itself retries for three days). */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SLOW_RETRY_HORIZON", defaultValue = "72h")
    Duration slowRetryHorizon;

    /** Wake-ups are not persistent: after a (re)start every waiting row is woken, whatever its age. */
    private boolean restarted = true;

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void sweep() {
        List<Wakeup> wakeups = sweepOnce(restarted ? Duration.ZERO : sweepAfter);
        restarted = false;
        if (!wakeups.isEmpty()) {
            LOG.log(Level.INFO, "Sweeper re-enqueued {0} stored webhook events", wakeups.size());
        }
        List<Wakeup> retried = retryTransientlyFailed();
        if (!retried.isEmpty()) {
            LOG.log(Level.INFO, "Slow retry tier re-enqueued {0} failed webhook events", retried.size());
        }
    }

    /**
     * Stripe stops retrying once it has our 2xx, so an outage of hours must not end an event: FAILED
     * events whose last failure was transient go back to RETRYING once per interval, until the horizon.
     * Permanent failures wait for an operator.
     */
    private List<Wakeup> retryTransientlyFailed() {
        return wakeUp(RETRY_FAILED, slowRetryInterval, Optional.of(slowRetryHorizon));
    }

    /** Claims and re-enqueues waiting rows; the claim and the messages commit together. */
    private List<Wakeup> sweepOnce(Duration waitingLongerThan) {
        return wakeUp(CLAIM, waitingLongerThan, Optional.empty());
    }

    private List<Wakeup> wakeUp(String claim, Duration age, Optional<Duration> horizon) {
        var query = em.createNativeQuery(claim)
                .setParameter(1, (double) age.toMillis() / 1000)
                .setParameter(2, batch);
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
