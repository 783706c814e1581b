package io.billhook.inbox.entity;

import io.billhook.handling.entity.QuarantineKey;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stored events, next to their entity: with {@link WebhookEvent}'s own methods, the only place that changes
 * {@code webhook_event.status}. One event moves through the entity's guarded transitions; the sweeper's and the
 * quarantine's many-row claims are single statements here, with SKIP LOCKED so that several servers can share a
 * database. Every claim returns what is needed to wake the events it claimed, and joins the caller's transaction.
 */
@Dependent
public class WebhookEvents {

    /** The filter of listings and bulk retries: each value null or what it must equal. */
    public static final String MATCHING = """
             WHERE (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR status = ?)
               AND (?::text IS NULL OR event_type = ?) AND (?::timestamptz IS NULL OR received_at >= ?)""";

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

    /** ?3: release every Cal.com key, since a booking is resolved by its event type, organizer or team. */
    private static final String RELEASE_QUARANTINED = """
            UPDATE webhook_event SET status = 'RECEIVED', quarantine_kind = NULL, quarantine_key = NULL,
                                     enqueued_at = now()
             WHERE status = 'QUARANTINED'
               AND (quarantine_kind = ?1 AND quarantine_key = ?2 OR ?3 AND quarantine_kind LIKE 'CALCOM\\_%')
            RETURNING id, lane, correlation_id""";

    private static final String FAILED_MATCHING = """
            SELECT * FROM webhook_event
             WHERE id IN (SELECT id FROM webhook_event
                           WHERE status = ?4::text AND (?1::text IS NULL OR provider = ?1::text)
                             AND (?2::text IS NULL OR event_type = ?2::text)
                             AND (?3::timestamptz IS NULL OR received_at >= ?3::timestamptz)
                           FOR UPDATE SKIP LOCKED)""";

    /**
     * What an event is about, over its row's {@code provider} and {@code payload}: a Stripe event's customer, named
     * as that customer's {@link QuarantineKey#lockName() quarantine lock}, a Retell event's call, a Cal.com event's
     * booking; null for an event about none. Processing locks it, and wake-ups keep the events of one together.
     */
    public static final String SUBJECT = """
            CASE provider
              WHEN 'stripe' THEN '%s'
                   || CASE WHEN payload -> 'data' -> 'object' ->> 'object' = 'customer'
                           THEN payload -> 'data' -> 'object' ->> 'id'
                           ELSE payload -> 'data' -> 'object' ->> 'customer' END
              WHEN 'retell' THEN 'RETELL_CALL:' || (payload -> 'call' ->> 'call_id')
              WHEN 'calcom' THEN 'CALCOM_BOOKING:' || (payload -> 'payload' ->> 'uid')
            END""".formatted(QuarantineKey.stripeCustomer("").lockName());

    private static final String SUBJECTS = "SELECT id, " + SUBJECT
            + " FROM webhook_event WHERE id = ANY (string_to_array(?1, ',')::bigint[])";

    @PersistenceContext
    EntityManager em;

    /** The subject ({@link #SUBJECT}) of each of the events that has one. */
    public Map<Long, String> subjectsOf(Collection<Long> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SUBJECTS)
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        Map<Long, String> subjects = new HashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                subjects.put(((Number) row[0]).longValue(), (String) row[1]);
            }
        }
        return subjects;
    }

    /** The row, locked; null when there is none. */
    public WebhookEvent locked(long id) {
        return em.createNamedQuery(WebhookEvent.LOCKED, WebhookEvent.class)
                .setParameter(1, id)
                .getResultStream().findFirst().orElse(null);
    }

    /** An operator's retry of one event ({@link WebhookEvent#requeue}), written at once; empty for an unknown id. */
    public Optional<WebhookEvent> requeue(long id, boolean force) {
        WebhookEvent event = locked(id);
        if (event == null) {
            return Optional.empty();
        }
        event.requeue(force);
        em.flush();
        return Optional.of(event);
    }

    /** Rows RECEIVED (or overdue RETRYING) whose wake-up is older than {@code age}: it was lost. */
    public List<Wakeup> claimLost(Duration age, int limit) {
        return claim(em.createNativeQuery(CLAIM_LOST)
                .setParameter(1, seconds(age))
                .setParameter(2, limit));
    }

    /** FAILED rows whose last failure was transient, at most once per {@code interval}, until the horizon. */
    public List<Wakeup> claimTransientlyFailed(Duration interval, Duration horizon, int limit) {
        return claim(em.createNativeQuery(CLAIM_TRANSIENTLY_FAILED)
                .setParameter(1, seconds(interval))
                .setParameter(2, limit)
                .setParameter(3, seconds(horizon)));
    }

    /**
     * The events quarantined under {@code key}, RECEIVED again; for a Cal.com key every Cal.com booking waiting,
     * since a mapping of its organizer or team resolves a booking quarantined under its event type too.
     */
    public List<Wakeup> releaseQuarantined(QuarantineKey key) {
        return claim(em.createNativeQuery(RELEASE_QUARANTINED)
                .setParameter(1, key.kind().name())
                .setParameter(2, key.value())
                .setParameter(3, key.kind().isCalcom()));
    }

    /**
     * Every event that matches the filter, FAILED or QUARANTINED (which it names), requeued as an operator's retry:
     * a quarantined event is resolved again.
     */
    public List<Wakeup> requeue(WebhookFilter filter) {
        if (filter.status() != WebhookStatus.FAILED && filter.status() != WebhookStatus.QUARANTINED) {
            throw new IllegalArgumentException("only FAILED or QUARANTINED events are requeued in bulk, not " + filter.status());
        }
        Object[] values = values(filter);
        @SuppressWarnings("unchecked")
        List<WebhookEvent> failed = em.createNativeQuery(FAILED_MATCHING, WebhookEvent.class)
                .setParameter(1, values[0])
                .setParameter(2, values[4])
                .setParameter(3, values[6])
                .setParameter(4, values[2])
                .getResultList();
        failed.forEach(event -> event.requeue(false));
        return failed.stream().map(WebhookEvent::wakeup).toList();
    }

    /** Binds {@link #MATCHING}'s values from position 1; returns the next position. */
    public static int bind(PreparedStatement query, WebhookFilter filter) throws SQLException {
        Object[] values = values(filter);
        for (int i = 0; i < values.length; i++) {
            query.setObject(i + 1, values[i]);
        }
        return values.length + 1;
    }

    private static Object[] values(WebhookFilter filter) {
        String provider = filter.provider() == null ? null : filter.provider().key();
        String status = filter.status() == null ? null : filter.status().name();
        OffsetDateTime since = filter.since() == null ? null : OffsetDateTime.ofInstant(filter.since(), ZoneOffset.UTC);
        return new Object[] {provider, provider, status, status, filter.type(), filter.type(), since, since};
    }

    private static List<Wakeup> claim(jakarta.persistence.Query update) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = update.getResultList();
        return rows.stream().map(Wakeup::ofRow).toList();
    }

    private static double seconds(Duration duration) {
        return (double) duration.toMillis() / 1000;
    }
}
