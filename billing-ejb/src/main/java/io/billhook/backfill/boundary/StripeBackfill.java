package io.billhook.backfill.boundary;

import com.stripe.exception.StripeException;
import io.billhook.Causes;
import io.billhook.Jndi;
import io.billhook.alerts.boundary.Alerts;
import io.billhook.backfill.control.BackfillRuns;
import io.billhook.backfill.control.BackfillRuns.Position;
import io.billhook.backfill.control.EventPage;
import io.billhook.backfill.control.EventPage.FetchedEvent;
import io.billhook.backfill.control.StripeEventPages;
import io.billhook.backfill.entity.BackfillRequest;
import io.billhook.backfill.entity.BackfillRun;
import io.billhook.backfill.entity.BackfillStatus;
import io.billhook.backfill.entity.MissingEvents;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.inbox.boundary.Inbox;
import io.billhook.inbox.entity.EventSource;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.processing.boundary.EffectPreviews;
import io.billhook.schema.boundary.SchemaMigration;
import io.billhook.stripe.control.StripeCalls;
import io.billhook.stripe.entity.StripeApiNotConfigured;
import io.billhook.stripe.entity.StripeApiUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Fetches from Stripe's Events API what never arrived by webhook (an outage, a wrong secret, Stripe's three days of
 * retries run out) and hands each event to the inbox, the one path every delivery takes: an event that is stored
 * already, however it came, stays one row and counts as a duplicate. A run pages in the background, one listing
 * after the other, and stores its position after each page, so that a restart resumes it; one node at a time
 * pages it (a session advisory lock on the run). With {@code BILLHOOK_STRIPE_RECONCILE_INTERVAL} set, a run of its
 * own every interval covers the window since the last one (with {@code BILLHOOK_STRIPE_RECONCILE_OVERLAP} more),
 * and an event it has to store that Stripe created more than a minute before is an alert: the webhooks are not
 * arriving.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StripeBackfill {

    private static final System.Logger LOG = System.getLogger(StripeBackfill.class.getName());

    /** The first key of a run's advisory lock ('bill' in ASCII); the second is the run's id. */
    private static final int LOCK = 0x62696c6c;

    /** Runs left RUNNING by a stop are resumed this long after the start, when the inbox takes deliveries. */
    private static final long RESUME_AFTER_MILLIS = 5_000;

    /** How long Stripe may take to deliver an event before the reconciliation counts it as missed. */
    static final Duration DELIVERY_GRACE = Duration.ofMinutes(1);

    private static final String RESUME = "resume";
    private static final String RECONCILE = "reconcile";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TimerService timers;

    @Inject
    BackfillRuns runs;

    @Inject
    StripeEventPages pages;

    @Inject
    StripeCalls stripe;

    @Inject
    Inbox inbox;

    @Inject
    EffectPreviews previews;

    @Inject
    MetricRegistry metrics;

    @Inject
    Alerts alerts;

    /** Off unless set: how often the reconciliation backfills the window since its last run. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_STRIPE_RECONCILE_INTERVAL")
    Optional<Duration> reconcileInterval;

    @Inject
    @ConfigProperty(name = "BILLHOOK_STRIPE_RECONCILE_OVERLAP", defaultValue = "10m")
    Duration reconcileOverlap;

    /** Injected only so that no run resumes before the schema is migrated. */
    @Inject
    SchemaMigration schema;

    @PostConstruct
    void schedule() {
        LOG.log(Level.DEBUG, "Schema version {0}", schema.version());
        timers.createSingleActionTimer(RESUME_AFTER_MILLIS, new TimerConfig(RESUME, false));
        reconcileInterval.filter(interval -> !interval.isZero() && !interval.isNegative()).ifPresent(interval ->
                timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(RECONCILE, false)));
    }

    @Timeout
    void due(Timer timer) {
        if (RECONCILE.equals(timer.getInfo())) {
            reconcile();
        } else {
            resume();
        }
    }

    private void resume() {
        try {
            for (long id : runs.running()) {
                LOG.log(Level.INFO, "Backfill {0} resumes where it stood", id);
                executor.submit(() -> page(id, null));
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not look for backfills to resume: {0}", e.getMessage());
        }
    }

    /**
     * One reconciliation, in the timer's thread: the window since the last one finished, and the overlap. Skipped
     * while the Stripe API is not configured.
     */
    private void reconcile() {
        if (!stripe.configured()) {
            return;
        }
        try {
            Instant now = Instant.now();
            Instant from = runs.lastReconciled().orElse(now.minus(reconcileInterval.orElseThrow()))
                    .minus(reconcileOverlap);
            Instant earliest = now.minus(BackfillRequest.KEPT_BY_STRIPE).plusSeconds(60);
            BackfillRun run = runs.create(new BackfillRequest(from.isBefore(earliest) ? earliest : from, List.of(), false),
                    true);
            page(run.id(), now.minus(DELIVERY_GRACE));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Stripe reconciliation skipped: {0}", e.getMessage());
        }
    }

    /** A run, started: it pages in the background; {@link #find} tells how far it is. */
    public BackfillRun start(BackfillRequest request) throws SQLException {
        requireApi();
        BackfillRun run = runs.create(request, false);
        LOG.log(Level.INFO, "Backfill {0} started: events since {1}, {2}{3}", run.id(), request.since(),
                request.types().isEmpty() ? "every type" : String.join(",", request.types()),
                request.undeliveredOnly() ? ", undelivered only" : "");
        executor.submit(() -> page(run.id(), null));
        return run;
    }

    /** What a run would store, found by paging through the same listings; nothing is stored. */
    public MissingEvents dryRun(BackfillRequest request) {
        requireApi();
        try {
            return missing(request);
        } catch (StripeException | FaultToleranceException | IllegalStateException e) {
            // refused, timed out, its circuit open, or an answer that is no page of events
            throw new StripeApiUnavailable("Stripe's Events API could not be read: " + Causes.rootMessage(e), e);
        }
    }

    private MissingEvents missing(BackfillRequest request) throws StripeException {
        long fetched = 0;
        long alreadyStored = 0;
        Map<String, Long> missingByType = new TreeMap<>();
        List<String> firstMissing = new ArrayList<>();
        // the newest of those kept first, so that it is the one dropped: pages come newest first, and the oldest are
        // those a backfill would apply first
        PriorityQueue<FetchedEvent> oldestMissing = new PriorityQueue<>(
                Comparator.comparing(FetchedEvent::created).reversed());
        for (String listing : request.listings()) {
            String after = null;
            EventPage page;
            do {
                page = pages.page(request, listing, after);
                Set<String> stored = inbox.storedAmong(Provider.STRIPE, page.events().stream().map(FetchedEvent::id).toList());
                for (FetchedEvent event : page.events()) {
                    fetched++;
                    if (stored.contains(event.id())) {
                        alreadyStored++;
                    } else {
                        missingByType.merge(event.type(), 1L, Long::sum);
                        if (firstMissing.size() < MissingEvents.LISTED) {
                            firstMissing.add(event.id());
                        }
                        oldestMissing.add(event);
                        if (oldestMissing.size() > MissingEvents.PREVIEWED) {
                            oldestMissing.poll();
                        }
                    }
                }
                after = page.events().isEmpty() ? null : page.last();
            } while (page.hasMore() && after != null);
        }
        List<MissingEvents.Preview> previewed = oldestMissing.stream().sorted(Comparator.comparing(FetchedEvent::created))
                .map(event -> new MissingEvents.Preview(event.id(), event.type(), previews.ofUnstored(
                        new ReceivedEvent(0, Provider.STRIPE, event.id(), event.type(), event.json(), null))))
                .toList();
        return new MissingEvents(fetched, alreadyStored, fetched - alreadyStored, missingByType, firstMissing, previewed);
    }

    public Optional<BackfillRun> find(long id) throws SQLException {
        return runs.find(id);
    }

    public List<BackfillRun> recent(int limit) throws SQLException {
        return runs.recent(limit);
    }

    private void requireApi() {
        if (!stripe.configured()) {
            throw new StripeApiNotConfigured("a backfill reads Stripe's Events API");
        }
    }

    /**
     * Pages the run to its end, unless another node pages it already. With {@code missedBefore}, the events it stores
     * that Stripe created before that instant should have arrived by webhook: they are an alert.
     */
    private void page(long id, Instant missedBefore) {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock", id)) {
                LOG.log(Level.DEBUG, "Backfill {0} is paged by another node", id);
                return;
            }
            try {
                Map<String, Long> missed = pageLocked(id, missedBefore);
                long events = missed.values().stream().mapToLong(Long::longValue).sum();
                if (events > 0) {
                    alerts.eventsMissed(id, events, missed);
                }
            } finally {
                advisoryLock(lock, "pg_advisory_unlock", id);
            }
        } catch (Exception e) {
            String error = Causes.rootMessage(e);
            LOG.log(Level.WARNING, "Backfill {0} failed: {1}", id, error);
            try {
                runs.finish(id, BackfillStatus.FAILED, error);
            } catch (SQLException notRecorded) {
                // the database is away: the run stays RUNNING, and the next start resumes it
                LOG.log(Level.WARNING, "Backfill {0}: the failure could not be recorded: {1}", id, notRecorded.getMessage());
            }
        }
    }

    /** @return the stored events Stripe created before {@code missedBefore} (if given), by type */
    private Map<String, Long> pageLocked(long id, Instant missedBefore) throws SQLException, StripeException {
        Map<String, Long> missed = new TreeMap<>();
        Position at = runs.position(id);
        BackfillRun run = runs.find(id).orElseThrow();
        if (run.status() != BackfillStatus.RUNNING) {
            return missed;
        }
        List<String> listings = at.request().listings();
        Map<String, Long> storedByType = new TreeMap<>(run.storedByType());
        String correlationId = "backfill-" + id;
        while (at.listing() < listings.size()) {
            EventPage page = pages.page(at.request(), listings.get(at.listing()), at.startingAfter());
            long stored = 0;
            long alreadyStored = 0;
            for (FetchedEvent event : page.events()) {
                Receipt receipt = inbox.store(new IncomingEvent(Provider.STRIPE, event.id(), event.type(),
                        event.apiVersion(), event.json(), correlationId, null, EventSource.BACKFILL));
                if (receipt.duplicate()) {
                    alreadyStored++;
                } else {
                    stored++;
                    storedByType.merge(event.type(), 1L, Long::sum);
                    if (missedBefore != null && event.created().isBefore(missedBefore)) {
                        missed.merge(event.type(), 1L, Long::sum);
                    }
                }
            }
            Position next = page.hasMore() && !page.events().isEmpty()
                    ? new Position(at.request(), at.listing(), page.last())
                    : new Position(at.request(), at.listing() + 1, null);
            runs.advance(id, next, page.events().size(), stored, alreadyStored, storedByType);
            count("stored", stored);
            count("already_stored", alreadyStored);
            at = next;
        }
        runs.finish(id, BackfillStatus.FINISHED, null);
        BackfillRun done = runs.find(id).orElseThrow();
        LOG.log(Level.INFO, "Backfill {0} finished: {1} fetched, {2} stored {3}, {4} already stored", id, done.fetched(),
                done.stored(), done.storedByType(), done.alreadyStored());
        return missed;
    }

    private void count(String outcome, long events) {
        if (events > 0) {
            metrics.counter("billhook.backfill.events", new Tag("outcome", outcome)).inc(events);
        }
    }

    private static boolean advisoryLock(Connection db, String function, long id) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT " + function + "(?, ?)")) {
            lock.setInt(1, LOCK);
            lock.setInt(2, Math.toIntExact(id));
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
