package io.billhook.processing.boundary;

import io.billhook.handling.entity.FetchFirst;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.handling.entity.UnresolvedCompany;
import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.WebhookEvent;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.processing.control.Dispatcher;
import io.billhook.processing.control.EventSpans;
import io.billhook.processing.control.EventSubjects;
import io.billhook.processing.control.ProcessingLog;
import io.billhook.processing.control.Savepoints;
import io.billhook.processing.entity.Applied;
import io.billhook.processing.entity.Attempt;
import io.billhook.processing.entity.Batch;
import io.billhook.processing.entity.Reminder;
import io.billhook.processing.entity.RetrySchedule;
import io.billhook.quarantine.control.CompanyKeys;
import io.billhook.tracing.TraceParent;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies each stored event exactly once: the row is locked and its status checked, so a repeated or
 * redelivered message finds it finished, or its retry not yet due, and does nothing. The domain effect, the new
 * status and the attempt record are committed together; the events of one wake-up message share that commit. A
 * failed attempt is recorded afterwards, in a transaction of its own, together with the delayed wake-up of its retry.
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

    @Inject
    Savepoints savepoints;

    @Inject
    EventSubjects subjects;

    @Inject
    Tracer tracer;

    private static final System.Logger LOG = System.getLogger(WebhookProcessor.class.getName());

    /**
     * Each event of a batch is a subtransaction (its savepoint): PostgreSQL keeps 64 of them per transaction in
     * shared memory, and more make every snapshot of every session slower.
     */
    private static final int EVENTS_PER_TRANSACTION = 32;

    /** What one event may need fetched before it applies; more is a handler that never finds what it fetched. */
    private static final int FETCHES_AT_MOST = 4;

    @Resource
    SessionContext context;

    /**
     * The events of one wake-up message: applied together in one transaction, each behind a savepoint. An event
     * that fails there is undone alone and then processed on its own ({@link #process}), where its failure is
     * recorded or what it needs is fetched; one that leaves the transaction unable to commit sends them all there.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void process(List<Reminder> reminders) {
        for (int from = 0; from < reminders.size(); from += EVENTS_PER_TRANSACTION) {
            List<Reminder> together = reminders.subList(from, Math.min(reminders.size(), from + EVENTS_PER_TRANSACTION));
            try (EventSpans spans = EventSpans.start(tracer, together)) {
                processTogether(together, spans);
            }
        }
    }

    private void processTogether(List<Reminder> reminders, EventSpans spans) {
        if (reminders.size() == 1) {
            processAlone(reminders.get(0), spans);
            return;
        }
        WebhookProcessor self = context.getBusinessObject(WebhookProcessor.class);
        List<Long> ids = reminders.stream().map(Reminder::webhookEventId).toList();
        Batch batch;
        try {
            batch = self.applyAll(reminders, spans);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "a batch of {0} events rolled back; each is processed on its own: {1}", ids.size(), e);
            batch = Batch.rolledBack(ids);
        }
        Map<Long, Reminder> byId = reminders.stream().collect(Collectors.toMap(Reminder::webhookEventId, r -> r, (a, b) -> a));
        for (Applied applied : batch.applied()) {
            try (EventSpans.Working working = spans.working(byId.get(applied.event().id()))) {
                log.processed(applied.event(), applied.outcome());
            }
        }
        for (Reminder reminder : reminders) {
            if (batch.alone().contains(reminder.webhookEventId())) {
                processAlone(reminder, spans);
            }
        }
    }

    private void processAlone(Reminder reminder, EventSpans spans) {
        try (EventSpans.Working working = spans.working(reminder)) {
            process(reminder.webhookEventId());
        }
    }

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
                    self.apply(webhookEventId, started).ifPresent(applied -> log.processed(applied.event(), applied.outcome()));
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

    /** Applies the events in order, each undone alone when it fails; those are left to be processed on their own. */
    public Batch applyAll(List<Reminder> reminders, EventSpans spans) {
        List<Applied> applied = new ArrayList<>();
        Set<Long> alone = new HashSet<>();
        subjects.lockAll(reminders.stream().map(Reminder::webhookEventId).toList());
        for (Reminder reminder : reminders) {
            long id = reminder.webhookEventId();
            try (EventSpans.Working working = spans.working(reminder)) {
                savepoints.set();
                attempt(id, OffsetDateTime.now()).ifPresent(applied::add);
                em.flush();
            } catch (RuntimeException e) {
                if (context.getRollbackOnly()) {
                    throw e;
                }
                savepoints.rollBack();
                alone.add(id);
            }
        }
        return new Batch(applied, alone);
    }

    /** The attempt of one event, if it is due; what it applied is logged once it has committed. */
    public Optional<Applied> apply(long webhookEventId, OffsetDateTime started) {
        subjects.lockAll(List.of(webhookEventId));
        return attempt(webhookEventId, started);
    }

    private Optional<Applied> attempt(long webhookEventId, OffsetDateTime started) {
        WebhookEvent event = events.locked(webhookEventId);
        if (event == null || !event.isDue(started)) {
            return Optional.empty();
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
        return Optional.of(new Applied(event, outcome));
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
                queue.wakeUp(List.of(event.wakeup().continuing(TraceParent.ofCurrent())));
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
            // the retry continues this attempt's trace
            queue.wakeUpLater(event.wakeup().continuing(TraceParent.ofCurrent()), delay.get());
            log.retrying(event, error);
        } else {
            log.failed(event, error);
        }
    }
}
