package io.billhook.calls.boundary;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    record Pending(long id, long companyId, long seconds, OffsetDateTime occurredAt, String stripeCustomerId) {
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void reportPending() {
        if (!stripe.configured()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            int reported = 0;
            for (Pending usage : pending(db)) {
                if (usage.stripeCustomerId() == null) {
                    failed(db, usage.id(), "company " + usage.companyId() + " has no Stripe customer");
                    continue;
                }
                try {
                    stripe.reportUsage(usage.id(), usage.stripeCustomerId(), usage.seconds(), usage.occurredAt());
                    reported(db, usage.id(), usage.stripeCustomerId());
                    reported++;
                } catch (CircuitBreakerOpenException open) {
                    failed(db, usage.id(), "the Stripe API circuit is open");
                    alerts.circuitOpened("stripe-usage", open.getMessage());
                    break;
                } catch (Exception e) {
                    failed(db, usage.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            if (reported > 0) {
                LOG.log(Level.INFO, "Reported {0} call usage records to Stripe", reported);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not report call usage: {0}", e.getMessage());
        }
    }

    private List<Pending> pending(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT u.id, u.company_id, u.billable_seconds, u.occurred_at,
                       coalesce(u.stripe_customer_id, (SELECT c.stripe_customer_id FROM stripe_customer c
                                                        WHERE c.company_id = u.company_id AND c.deleted_at IS NULL
                                                        ORDER BY c.updated_at LIMIT 1))
                  FROM call_usage u WHERE u.reported_at IS NULL ORDER BY u.id LIMIT ?""")) {
            query.setInt(1, batch);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getString(5)));
                }
            }
            return pending;
        }
    }

    private static void reported(Connection db, long id, String stripeCustomerId) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE call_usage SET reported_at = now(), stripe_customer_id = ?, report_attempts = report_attempts + 1,
                                      last_report_error = NULL WHERE id = ?""")) {
            update.setString(1, stripeCustomerId);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private static void failed(Connection db, long id, String error) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE call_usage SET report_attempts = report_attempts + 1, last_report_error = ? WHERE id = ?")) {
            update.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }
}
