package io.billhook.reconciliation.control;

import io.billhook.Jndi;
import io.billhook.reconciliation.entity.MirrorState;
import io.billhook.reconciliation.entity.MirroredObject;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The local mirrors of a customer's subscriptions and invoices, written as {@link MirrorState} writes Stripe's. */
@Dependent
public class LocalMirrors {

    private static final String INVOICES = """
            SELECT stripe_invoice_id, lower(status), lower(currency), amount_due::text, amount_paid::text,
                   amount_remaining::text, attempt_count::text
              FROM invoice WHERE stripe_customer_id = ? AND NOT deleted""";

    private static final String SUBSCRIPTIONS = """
            SELECT stripe_subscription_id, lower(status), cancel_at_period_end::text,
                   extract(epoch FROM current_period_start)::bigint::text, extract(epoch FROM current_period_end)::bigint::text,
                   extract(epoch FROM canceled_at)::bigint::text
              FROM subscription WHERE stripe_customer_id = ?""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** The Stripe customers linked to the company (empty when it has none), or empty when there is no such company. */
    public Optional<List<String>> customersOf(long companyId) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement company = db.prepareStatement("SELECT 1 FROM company WHERE id = ?");
             PreparedStatement customers = db.prepareStatement(
                     "SELECT stripe_customer_id FROM stripe_customer WHERE company_id = ? ORDER BY stripe_customer_id")) {
            company.setLong(1, companyId);
            try (ResultSet found = company.executeQuery()) {
                if (!found.next()) {
                    return Optional.empty();
                }
            }
            customers.setLong(1, companyId);
            return Optional.of(strings(customers));
        } catch (SQLException e) {
            throw new IllegalStateException("the company's customers cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every Stripe customer linked to a company and not deleted. */
    public List<String> linkedCustomers() {
        try (Connection db = dataSource.getConnection(); PreparedStatement customers = db.prepareStatement(
                "SELECT stripe_customer_id FROM stripe_customer WHERE deleted_at IS NULL ORDER BY stripe_customer_id")) {
            return strings(customers);
        } catch (SQLException e) {
            throw new IllegalStateException("the linked customers cannot be read: " + e.getMessage(), e);
        }
    }

    public Map<String, MirrorState> of(MirroredObject kind, String stripeCustomerId) {
        String sql = kind == MirroredObject.INVOICES ? INVOICES : SUBSCRIPTIONS;
        List<String> names = kind == MirroredObject.INVOICES
                ? List.of("status", "currency", "amount_due", "amount_paid", "amount_remaining", "attempt_count")
                : List.of("status", "cancel_at_period_end", "current_period_start", "current_period_end", "canceled_at");
        Map<String, MirrorState> mirrors = new LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, stripeCustomerId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        fields.put(names.get(i), rows.getString(i + 2));
                    }
                    mirrors.put(rows.getString(1), new MirrorState(kind, rows.getString(1), fields));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the local " + kind.name().toLowerCase() + " cannot be read: " + e.getMessage(), e);
        }
        return mirrors;
    }

    private static List<String> strings(PreparedStatement query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
