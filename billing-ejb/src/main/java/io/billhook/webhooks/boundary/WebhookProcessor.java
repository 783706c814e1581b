package io.billhook.webhooks.boundary;

import io.billhook.webhooks.control.Dispatcher;
import io.billhook.webhooks.entity.Outcome;
import io.billhook.webhooks.entity.WebhookEvent;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;

/**
 * Applies one stored event exactly once: the row is locked and its status checked, so a repeated or
 * redelivered message finds it finished and does nothing. The domain effect and the new status are
 * committed together; a failure is recorded afterwards in a transaction of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookProcessor {

    @PersistenceContext
    EntityManager em;

    @Inject
    Dispatcher dispatcher;

    @Inject
    WebhookEventLogger logger;

    public void apply(long webhookEventId) {
        long started = System.nanoTime();
        WebhookEvent event = em.find(WebhookEvent.class, webhookEventId, LockModeType.PESSIMISTIC_WRITE);
        if (event == null || !event.awaitsProcessing()) {
            return;
        }
        event.startAttempt();
        Outcome outcome = dispatcher.dispatch(event);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (outcome.applied()) {
            event.processed(outcome.companyId(), took);
        } else {
            event.ignored(took);
        }
        logger.processed(event, outcome);
    }

    public void fail(long webhookEventId, Throwable error) {
        WebhookEvent event = em.find(WebhookEvent.class, webhookEventId, LockModeType.PESSIMISTIC_WRITE);
        if (event == null || !event.awaitsProcessing()) {
            return;
        }
        event.startAttempt();
        event.failed(describe(error), Duration.ZERO);
        logger.failed(event);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof EJBException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getName() + ": " + cause.getMessage();
    }
}
