package io.billhook.inbox.boundary;

import io.billhook.Causes;
import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.control.BatchWriter;
import io.billhook.inbox.control.DeferredWakeups;
import io.billhook.inbox.control.IngestPressure;
import io.billhook.inbox.control.InboxWriters;
import io.billhook.inbox.control.StorableJson;
import io.billhook.inbox.entity.InboxUnavailable;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.inbox.entity.Wakeup;
import io.billhook.schema.boundary.SchemaMigration;
import io.billhook.tracing.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The entry point for every verified delivery. Requests hand their event to the writer thread(s),
 * which store whatever has queued up in one transaction (group commit): one commit serves many
 * requests, so the database's commit rate stops being the ceiling of the ingest rate.
 * A request is answered only after the transaction holding its row has committed; the wake-up
 * messages follow in a transaction of their own, and the sweeper covers a crash in between.
 * While deliveries arrive at {@code BILLHOOK_INGEST_FIRST_RATE} a second or more (a burst), the wake-ups of all
 * but the high lane are held back and sent once it is over, or after {@code BILLHOOK_INGEST_FIRST_LONGEST} at
 * most: acknowledging comes first and processing, which shares the same cores, catches up afterwards, instead of
 * both slowing down.
 * The writers start with the first delivery, when the EJB container is certainly up.
 */
@ApplicationScoped
public class Inbox {

    private static final System.Logger LOG = System.getLogger(Inbox.class.getName());

    @Inject
    InboxBatch batches;

    @Inject
    MetricRegistry metrics;

    /** Its spans show how long a delivery waited for its batch's commit. */
    @Inject
    Tracer tracer;

    private static final AttributeKey<Long> EVENT_ID = AttributeKey.longKey("billhook.webhook_event.id");
    private static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("billhook.duplicate");

    /** Injected only so that no event is stored before the schema is migrated. */
    @Inject
    SchemaMigration schema;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_WRITERS", defaultValue = "1")
    int writers;

    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_MAX_BATCH", defaultValue = "128")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_QUEUE_CAPACITY", defaultValue = "4096")
    int capacity;

    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_TIMEOUT", defaultValue = "10s")
    Duration timeout;

    /** Deliveries a second from which the inbox counts as busy; 0 never holds a wake-up back. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_FIRST_RATE", defaultValue = "200")
    int busyRate;

    @Inject
    @ConfigProperty(name = "BILLHOOK_INGEST_FIRST_LONGEST", defaultValue = "30s")
    Duration longestHeld;

    /** How many held wake-ups a writer sends between two batches, so that sending them never stalls storing. */
    private static final int RELEASED_AT_ONCE = 2048;

    private BlockingQueue<Pending> pending;
    private IngestPressure pressure;
    private DeferredWakeups held;
    @Inject
    InboxWriters writerThreads;

    private volatile boolean open;

    @PostConstruct
    void start() {
        LOG.log(Level.DEBUG, "Schema version {0}", schema.version());
        pending = new ArrayBlockingQueue<>(capacity);
        pressure = new IngestPressure(busyRate);
        held = new DeferredWakeups(longestHeld);
        metrics.gauge("billhook.wakeups.held", held, DeferredWakeups::size);
        metrics.gauge("billhook.inbox.queue.depth", pending, BlockingQueue::size);
        open = true;
        writerThreads.opened();
        for (int i = 0; i < writers; i++) {
            startWriter(i);
        }
        LOG.log(Level.INFO, "Inbox open: {0} writers, batches of up to {1}", writers, maxBatch);
    }

    /**
     * A writer that ends while the inbox is open (whatever ended it) is replaced at once: without writers every
     * delivery would be answered 503 for ever.
     */
    private void startWriter(int number) {
        Thread writer = threadFactory.newThread(() -> {
            try {
                new BatchWriter<>(pending, maxBatch, this::store, (batch, error) -> batch.forEach(
                        p -> p.result.completeExceptionally(new InboxUnavailable("event could not be stored", error))),
                        this::release, () -> open).run();
            } finally {
                if (open) {
                    LOG.log(Level.ERROR, "Inbox writer {0} ended while the inbox is open; starting another", number);
                    startWriter(number);
                }
            }
        });
        writer.setName("billhook-inbox-writer-" + number);
        writerThreads.started(writer);
        writer.start();
    }



    @PreDestroy
    void stop() {
        open = false;
        while (!held.isEmpty()) {
            // a reminder the engine no longer takes is found by the sweep at the next start
            wakeUp(held.take(RELEASED_AT_ONCE));
        }
        writerThreads.closed();
        Pending left;
        while ((left = pending.poll()) != null) {
            left.result.completeExceptionally(new InboxUnavailable("server is shutting down"));
        }
    }

    /**
     * Stores the event durably, or throws {@link InboxUnavailable}.
     *
     * @return the row id and whether the event had been stored before
     */
    public Receipt store(IncomingEvent event) {
        Span span = tracer.spanBuilder("billhook inbox store").startSpan();
        try (Scope current = span.makeCurrent()) {
            Receipt receipt = await(new Pending(event, TraceParent.ofCurrent()));
            span.setAttribute(EVENT_ID, receipt.id()).setAttribute(DUPLICATE, receipt.duplicate());
            return receipt;
        } catch (InboxUnavailable e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Which of {@code providerEventIds} are stored already (a backfill's dry run asks). */
    public Set<String> storedAmong(Provider provider, List<String> providerEventIds) {
        try {
            return batches.storedAmong(provider, providerEventIds);
        } catch (SQLException e) {
            throw new InboxUnavailable("database unavailable", e);
        }
    }

    private Receipt await(Pending request) {
        if (!open || !pending.offer(request)) {
            throw new InboxUnavailable(open ? "too many deliveries waiting to be stored" : "server is shutting down");
        }
        try {
            return request.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InboxUnavailable unavailable) {
                throw unavailable;
            }
            throw new InboxUnavailable("event could not be stored", e.getCause());
        } catch (TimeoutException e) {
            throw new InboxUnavailable("storing the event took longer than " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailable("interrupted while storing the event");
        }
    }

    private void store(List<Pending> batch) {
        pressure.stored(batch.size(), System.nanoTime());
        storeBatch(batch);
        release();
    }

    /** Sends held wake-ups: any once the inbox is no longer busy, else those held for their longest. */
    private void release() {
        if (held.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        wakeUp(pressure.busy(now) ? held.takeOverdue(RELEASED_AT_ONCE, now) : held.take(RELEASED_AT_ONCE));
    }

    private void storeBatch(List<Pending> batch) {
        List<Receipt> receipts;
        try {
            receipts = batches.store(batch.stream().map(Pending::event).toList());
        } catch (Exception e) {
            if (batch.size() > 1 && concernsSingleEvent(e)) {
                // one event the database refuses must not take the others down with it
                batch.forEach(p -> storeBatch(List.of(p)));
                return;
            }
            if (batch.size() == 1 && holdsTextJsonbRefuses(e) && batch.get(0).event().rawPayload() == null) {
                // valid JSON, signed and acknowledged by nobody yet: stored with the characters replaced, and as received
                Pending refused = batch.get(0);
                LOG.log(Level.WARNING, "{0} {1}: the payload holds characters jsonb cannot; stored with them replaced",
                        refused.event().provider().key(), refused.event().providerEventId());
                storeBatch(List.of(new Pending(refused.event().withStorablePayload(StorableJson.of(refused.event().payload())),
                        refused.traceParent(), refused.result())));
                return;
            }
            LOG.log(Level.WARNING, "Could not store {0} webhook events: {1}", batch.size(), Causes.rootMessage(e));
            batch.forEach(p -> p.result.completeExceptionally(new InboxUnavailable("database unavailable", e)));
            return;
        }
        List<Wakeup> wakeups = new ArrayList<>(batch.size());
        List<Wakeup> later = new ArrayList<>();
        boolean busy = pressure.busy(System.nanoTime());
        for (int i = 0; i < batch.size(); i++) {
            IncomingEvent event = batch.get(i).event;
            Receipt receipt = receipts.get(i);
            batch.get(i).result.complete(receipt);
            stored(event, receipt);
            if (!receipt.duplicate()) {
                Wakeup wakeup = new Wakeup(receipt.id(), event.lane(), event.correlationId(), batch.get(i).traceParent());
                (busy && event.lane() != Lane.HIGH ? later : wakeups).add(wakeup);
            }
        }
        wakeUp(wakeups);
        held.hold(later, System.nanoTime());
    }

    private void wakeUp(List<Wakeup> wakeups) {
        if (wakeups.isEmpty()) {
            return;
        }
        try {
            batches.wakeUp(wakeups);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not enqueue {0} stored webhook events ({1}); the sweeper will",
                    wakeups.size(), Causes.rootMessage(e));
        }
    }

    /**
     * A new event's line is at debug level: at thousands of deliveries a second the line costs more than
     * the delivery, and the stored row is the durable record of it. A repeated delivery is rare and worth
     * an operator's eye: info.
     */
    private void stored(IncomingEvent event, Receipt receipt) {
        metrics.counter(receipt.duplicate() ? "billhook.webhooks.duplicates" : "billhook.webhooks.received",
                new Tag("provider", event.provider().key())).inc();
        Level level = receipt.duplicate() ? Level.INFO : Level.DEBUG;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, "{0} {1} {2} id={3} type={4} correlation={5}",
                receipt.duplicate() ? "Duplicate" : "Stored", event.provider().key(), event.providerEventId(),
                receipt.id(), event.type(), event.correlationId());
    }

    /** 22P05 (an escape jsonb cannot hold, such as \u0000) and 22P02 (for jsonb here: a lone surrogate). */
    private static boolean holdsTextJsonbRefuses(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("22P05".equals(sql.getSQLState()) || "22P02".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Data (22) and integrity (23) errors are about a row, not about the database being unavailable. */
    private static boolean concernsSingleEvent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** A delivery waiting for its batch; {@code traceParent} is its request's, for the wake-up. */
    private record Pending(IncomingEvent event, String traceParent, CompletableFuture<Receipt> result) {
        Pending(IncomingEvent event, String traceParent) {
            this(event, traceParent, new CompletableFuture<>());
        }
    }
}
