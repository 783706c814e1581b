package io.billhook.retention.boundary;

import io.billhook.Jndi;
import io.billhook.retention.control.Purge;
import io.billhook.retention.entity.RetentionBusy;
import io.billhook.retention.entity.RetentionKind;
import io.billhook.retention.entity.RetentionPolicy;
import io.billhook.retention.entity.RetentionReport;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Keeps the tables bounded (docs/operations.md, "Retention"): every {@code BILLHOOK_RETENTION_INTERVAL} one pass
 * removes or masks, kind by kind and oldest first, what its policy no longer keeps, in batches of their own short
 * transactions with a pause between them, so that ingest and processing never wait for it. One pass at a time
 * across all nodes (a session advisory lock).
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Retention {

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());

    /** pg_advisory_lock's key: 'billhook' and 'retention' in ASCII, as a number no other lock of Billhook uses. */
    private static final long LOCK = 0x62696c6c_72657465L;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_PAYLOADS", defaultValue = "30d")
    Duration payloads;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_PERSONAL_DATA")
    Optional<Duration> personalData;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_EVENTS", defaultValue = "400d")
    Duration events;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_ATTEMPTS", defaultValue = "90d")
    Duration attempts;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_DUPLICATES", defaultValue = "30d")
    Duration duplicates;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_REJECTIONS", defaultValue = "30d")
    Duration rejections;

    /** How often a pass runs; {@code 0}: only when an operator asks for one. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_INTERVAL", defaultValue = "10m")
    Duration interval;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_BATCH", defaultValue = "500")
    int batch;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETENTION_PAUSE", defaultValue = "20ms")
    Duration pause;

    private RetentionPolicy policy;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile RetentionReport last;

    /** A policy that could not be defended (rows gone before their redeliveries) stops the start. */
    @PostConstruct
    void schedule() {
        policy = new RetentionPolicy(payloads, personalData, events, attempts, duplicates, rejections);
        if (batch < 1) {
            throw new IllegalArgumentException("BILLHOOK_RETENTION_BATCH must be at least 1 (it is " + batch + ")");
        }
        if (!interval.isZero() && !interval.isNegative()) {
            timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(null, false));
        }
    }

    @Timeout
    void scheduled() {
        try {
            run();
        } catch (RetentionBusy busy) {
            LOG.log(Level.DEBUG, busy.getMessage());
        } catch (SQLException e) {
            // the database may be away: the next pass takes up where this one stopped
            LOG.log(Level.WARNING, "Retention pass stopped: {0}", e.getMessage());
        }
    }

    public RetentionPolicy policy() {
        return policy;
    }

    public Duration interval() {
        return interval;
    }

    public Optional<RetentionReport> last() {
        return Optional.ofNullable(last);
    }

    /** One whole pass, now; refused while another runs. */
    public RetentionReport run() throws SQLException {
        if (!running.compareAndSet(false, true)) {
            throw new RetentionBusy("on this node");
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock")) {
                throw new RetentionBusy("on another node");
            }
            try {
                last = pass();
                return last;
            } finally {
                advisoryLock(lock, "pg_advisory_unlock");
            }
        } finally {
            running.set(false);
        }
    }

    private RetentionReport pass() throws SQLException {
        Instant started = Instant.now();
        Map<RetentionKind, Long> rows = RetentionReport.none();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            rows.put(RetentionKind.EVENTS, batches(db, RetentionKind.EVENTS,
                    () -> Purge.deleteEvents(db, policy.eventsBefore(started), batch)));
            rows.put(RetentionKind.PAYLOADS, batches(db, RetentionKind.PAYLOADS,
                    () -> Purge.redactPayloads(db, policy.payloadsBefore(started), batch)));
            Optional<Instant> personal = policy.personalDataBefore(started);
            if (personal.isPresent()) {
                rows.put(RetentionKind.PERSONAL_DATA, batches(db, RetentionKind.PERSONAL_DATA,
                        () -> Purge.maskPersonalData(db, personal.get(), batch)));
            }
            rows.put(RetentionKind.ATTEMPTS, batches(db, RetentionKind.ATTEMPTS,
                    () -> Purge.deleteAttempts(db, policy.attemptsBefore(started), batch)));
            rows.put(RetentionKind.DUPLICATES, batches(db, RetentionKind.DUPLICATES,
                    () -> Purge.deleteDuplicates(db, policy.duplicatesBefore(started), batch)));
            rows.put(RetentionKind.REJECTIONS, batches(db, RetentionKind.REJECTIONS,
                    () -> Purge.deleteRejections(db, policy.rejectionsBefore(started), batch)));
        }
        var report = new RetentionReport(started, Duration.between(started, Instant.now()).toMillis(), rows);
        if (rows.values().stream().anyMatch(n -> n > 0)) {
            LOG.log(Level.INFO, "Retention pass: {0} in {1} ms", report.rows(), report.millis());
        }
        return report;
    }

    private interface Batch {
        int run() throws SQLException;
    }

    /** Batches of one kind until one comes back short, each committed at once. */
    private long batches(Connection db, RetentionKind kind, Batch next) throws SQLException {
        long total = 0;
        int done;
        do {
            try {
                done = next.run();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
            total += done;
            metrics.counter("billhook.retention.rows", new Tag("kind", kind.label())).inc(done);
            if (done == batch) {
                sleep();
            }
        } while (done == batch);
        return total;
    }

    private void sleep() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean advisoryLock(Connection db, String function) throws SQLException {
        try (PreparedStatement call = db.prepareStatement("SELECT " + function + "(?)")) {
            call.setLong(1, LOCK);
            try (ResultSet result = call.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
