package io.billhook.calls.boundary;

import com.stripe.exception.InvalidRequestException;
import io.billhook.Jndi;
import io.billhook.alerts.boundary.Alerts;
import io.billhook.stripe.control.StripeCalls;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Reports unreported call usage to Stripe in batches, every 15 s. A record is marked reported only after
 * Stripe accepted it; until then it stays in the database, across restarts, and is tried again (Stripe
 * drops a repeat by its identifier). No transaction spans a Stripe call.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class UsageReporter {

    private static final System.Logger LOG = System.getLogger(UsageReporter.class.getName());

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    StripeCalls stripe;

    @Inject
    Alerts alerts;

    @Inject
    @ConfigProperty(name = "BILLHOOK_USAGE_REPORT_BATCH", defaultValue = "100")
    int batch;

    /** Stripe takes meter events of the past 35 days: an older record cannot be billed any more. */
    static final Duration STRIPE_ACCEPTS = Duration.ofDays(35);

    /** A claimed batch is this node's for this long: another node skips it. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    /** Shorter than the 15 s between runs, so that the first retry is the next run. */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    record Pending(long id, long companyId, long seconds, OffsetDateTime occurredAt, String stripeCustomerId, int attempts) {
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void reportPending() {
        if (!stripe.configured()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            int reported = 0;
            List<Pending> claimed = claim(db);
            for (int i = 0; i < claimed.size(); i++) {
                Pending usage = claimed.get(i);
                if (usage.occurredAt().isBefore(OffsetDateTime.now().minus(STRIPE_ACCEPTS))) {
                    unbillable(db, usage, "older than the " + STRIPE_ACCEPTS.toDays() + " days Stripe accepts meter events for");
                    continue;
                }
                if (usage.stripeCustomerId() == null) {
                    failed(db, usage, "company " + usage.companyId() + " has no Stripe customer");
                    alerts.usageUnbillable(usage.companyId(), "company " + usage.companyId()
                            + " has call usage but no Stripe customer to bill it to");
                    continue;
                }
                try {
                    stripe.reportUsage(usage.id(), usage.stripeCustomerId(), usage.seconds(), usage.occurredAt());
                    reported(db, usage.id(), usage.stripeCustomerId());
                    reported++;
                } catch (CircuitBreakerOpenException open) {
                    // the API is away, not this record: it is tried at the next run, with no back-off of its own
                    for (Pending waiting : claimed.subList(i, claimed.size())) {
                        postponed(db, waiting, "the Stripe API circuit is open");
                    }
                    alerts.circuitOpened("stripe-usage", open.getMessage());
                    break;
                } catch (InvalidRequestException refused) {
                    unbillable(db, usage, "Stripe refused the meter event: " + refused.getMessage());
                } catch (Exception e) {
                    failed(db, usage, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            if (reported > 0) {
                LOG.log(Level.INFO, "Reported {0} call usage records to Stripe", reported);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not report call usage: {0}", e.getMessage());
        }
    }

    /**
     * The records due, oldest due first, claimed with SKIP LOCKED and a lease so that two nodes never send one batch;
     * a record backing off after a failure waits for its time and keeps no other waiting.
     */
    private List<Pending> claim(Connection db) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement claim = db.prepareStatement("""
                UPDATE call_usage u SET next_report_at = now() + make_interval(secs => ?)
                 WHERE u.id IN (SELECT id FROM call_usage
                                 WHERE reported_at IS NULL AND NOT unbillable
                                   AND (next_report_at IS NULL OR next_report_at <= now())
                                 ORDER BY next_report_at NULLS FIRST, id
                                 LIMIT ?
                                 FOR UPDATE SKIP LOCKED)
                RETURNING u.id, u.company_id, u.billable_seconds, u.occurred_at,
                          coalesce(u.stripe_customer_id, (SELECT c.stripe_customer_id FROM stripe_customer c
                                                           WHERE c.company_id = u.company_id AND c.deleted_at IS NULL
                                                           ORDER BY c.updated_at LIMIT 1)),
                          u.report_attempts""")) {
            claim.setDouble(1, LEASE.toSeconds());
            claim.setInt(2, batch);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getString(5), rows.getInt(6)));
                }
            }
            db.commit();
            pending.sort(Comparator.comparing(Pending::id));
            return pending;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static void reported(Connection db, long id, String stripeCustomerId) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE call_usage SET reported_at = now(), stripe_customer_id = ?, report_attempts = report_attempts + 1,
                                      last_report_error = NULL, next_report_at = NULL WHERE id = ?""")) {
            update.setString(1, stripeCustomerId);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private static void postponed(Connection db, Pending usage, String reason) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE call_usage SET last_report_error = ?, next_report_at = NULL WHERE id = ?""")) {
            update.setString(1, reason);
            update.setLong(2, usage.id());
            update.executeUpdate();
        }
    }

    /** Tried again after 10 s, 20 s, 40 s, … at most an hour after this failure. */
    private static void failed(Connection db, Pending usage, String error) throws SQLException {
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(usage.attempts(), 20));
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE call_usage SET report_attempts = report_attempts + 1, last_report_error = ?,
                                      next_report_at = now() + make_interval(secs => ?) WHERE id = ?""")) {
            update.setString(1, shortened(error));
            update.setDouble(2, (backoff.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff).toSeconds());
            update.setLong(3, usage.id());
            update.executeUpdate();
        }
    }

    /** Never tried again; told once, and shown in the billing view and /metrics. */
    private void unbillable(Connection db, Pending usage, String reason) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE call_usage SET report_attempts = report_attempts + 1, last_report_error = ?, unbillable = true,
                                      next_report_at = NULL WHERE id = ?""")) {
            update.setString(1, shortened(reason));
            update.setLong(2, usage.id());
            update.executeUpdate();
        }
        LOG.log(Level.WARNING, "Call usage {0} of company {1} cannot be billed: {2}", usage.id(), usage.companyId(), reason);
        alerts.usageUnbillable(usage.companyId(), "call usage " + usage.id() + " of company " + usage.companyId()
                + " cannot be billed: " + reason);
    }

    private static String shortened(String error) {
        return error.length() > 500 ? error.substring(0, 500) : error;
    }
}
