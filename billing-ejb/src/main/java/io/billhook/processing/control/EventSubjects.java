package io.billhook.processing.control;

import io.billhook.inbox.entity.WebhookEvents;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The locks of what events are about ({@link WebhookEvents#SUBJECT}): a Stripe event's customer (the lock of its
 * quarantine key, which the customer's link takes too), a Retell event's call, a Cal.com event's booking. Held
 * until the attempt commits, they keep two attempts on one subject from taking its rows in opposite orders, and
 * an attempt that would find its customer missing waits for a link in flight instead. An event with no subject
 * takes none.
 */
@Dependent
public class EventSubjects {

    /** Taken in the order of their hashes by every transaction, so two batches never wait for each other in a circle. */
    private static final String LOCK_ALL = """
            SELECT pg_advisory_xact_lock(lock)::text
              FROM (SELECT DISTINCT hashtextextended(subject, 0) AS lock
                      FROM (SELECT %s AS subject
                              FROM webhook_event WHERE id = ANY (string_to_array(?1, ',')::bigint[])) e
                     WHERE subject IS NOT NULL
                     ORDER BY lock) l""".formatted(WebhookEvents.SUBJECT);

    private static final String LOCK_ONE = "SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))::text";

    @PersistenceContext
    EntityManager em;

    /** Waits for the lock of one subject, for a change that comes from elsewhere than an event (a repair). */
    public void lock(String subject) {
        em.createNativeQuery(LOCK_ONE).setParameter(1, subject).getSingleResult();
    }

    /** Waits for the locks of all the events' subjects. */
    public void lockAll(List<Long> webhookEventIds) {
        em.createNativeQuery(LOCK_ALL)
                .setParameter(1, webhookEventIds.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
    }
}
