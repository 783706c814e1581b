package io.billhook.processing.boundary;

import io.billhook.handling.entity.FetchFirst;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.handling.entity.UnresolvedCompany;
import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.WebhookEvent;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.processing.control.Dispatcher;
import io.billhook.processing.control.ProcessingLog;
import io.billhook.processing.entity.Attempt;
import io.billhook.processing.entity.RetrySchedule;
import io.billhook.quarantine.control.CompanyKeys;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Applies one stored event exactly once: the row is locked and its status checked, so a repeated or
 * redelivered message finds it finished, or its retry not yet due, and does nothing. The domain effect, the new status and the
 * attempt record are committed together. A failed attempt is recorded afterwards, in a transaction of
 * its own, together with the delayed wake-up of its retry.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookProcessor {

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookEvents events;

    @Inject
    Dispatcher dispatcher;

    @Inject
    ProcessingLog log;

    @Inject
    RetrySchedule retries;

    @Inject
    EventQueue queue;

    @Inject
    CompanyKeys companyKeys;

    /** What one event may need fetched before it applies; more is a handler that never finds what it fetched. */
    private static final int FETCHES_AT_MOST = 4;

    @Resource
    SessionContext context;

    /**
     * One event, start to end, with no transaction of its own: its attempt, and anything the attempt needs from
     * the Stripe API fetched between transactions (the attempt rolls back, the thing is fetched, the attempt runs
     * again and finds it), or its failure recorded.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void process(long webhookEventId) {
        WebhookProcessor self = context.getBusinessObject(WebhookProcessor.class);
        OffsetDateTime started = OffsetDateTime.now();
        try {
            for (int fetched = 0; ; fetched++) {
                try {
                    self.apply(webhookEventId, started);
                    return;
                } catch (FetchFirst needed) {
                    if (fetched == FETCHES_AT_MOST) {
                        throw new IllegalStateException("still needs " + needed.getMessage() + " after " + fetched
                                + " fetches", needed);
                    }
                    needed.fetch();
                }
            }
        } catch (RuntimeException e) {
            self.fail(webhookEventId, e, started);
        }
    }

    public void apply(long webhookEventId, OffsetDateTime started) {
        WebhookEvent event = events.locked(webhookEventId);
        if (event == null || !event.isDue(started)) {
            return;
        }
        Outcome outcome = dispatcher.dispatch(event);
        // counted after the handler: counted before, the first query of the handler would flush it as an UPDATE of its own
        event.startAttempt();
        OffsetDateTime finished = OffsetDateTime.now();
        Duration took = Duration.between(started, finished);
        if (outcome.applied()) {
            event.processed(outcome.companyId(), took);
        } else {
            event.ignored(took);
        }
        em.persist(new Attempt(event, started, finished, null));
        log.processed(event, outcome);
    }

    public void fail(long webhookEventId, Throwable error, OffsetDateTime started) {
        WebhookEvent event = events.locked(webhookEventId);
        if (event == null || !event.awaitsProcessing()) {
            return;
        }
        event.startAttempt();
        OffsetDateTime finished = OffsetDateTime.now();
        Optional<UnresolvedCompany> unresolved = UnresolvedCompany.in(error);
        if (unresolved.isPresent()) {
            QuarantineKey key = unresolved.get().key();
            Duration took = Duration.between(started, finished);
            if (key == null) {
                // nothing an operator could link would ever give it a company (a guest payment, a web call)
                event.ignoredBecause("no company can own it: " + unresolved.get().getMessage(), took);
                em.persist(new Attempt(event, started, finished, null));
                log.processed(event, Outcome.ignored(event.lastError()));
                return;
            }
            if (companyKeys.isLinked(key)) {
                // linked while this attempt ran, after the link's release had passed this row
                em.persist(new Attempt(event, started, finished, error));
                queue.wakeUp(List.of(event.wakeup()));
                return;
            }
            event.quarantine(key, unresolved.get().getMessage(), took);
            em.persist(new Attempt(event, started, finished, error));
            log.quarantined(event);
            return;
        }
        Optional<Duration> delay = retries.delayAfter(event.attempts(), error);
        event.attemptFailed(error, delay.map(finished::plus), Duration.between(started, finished));
        em.persist(new Attempt(event, started, finished, error));
        if (delay.isPresent()) {
            queue.wakeUpLater(event.wakeup(), delay.get());
            log.retrying(event, error);
        } else {
            log.failed(event, error);
        }
    }
}
