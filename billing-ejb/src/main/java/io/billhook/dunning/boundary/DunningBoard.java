package io.billhook.dunning.boundary;

import io.billhook.Jndi;
import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.DunningList;
import io.billhook.dunning.entity.DunningState;
import io.billhook.dunning.entity.Policy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Every open dunning case, most money first, and the totals an operator watches, read outside any transaction. */
@ApplicationScoped
public class DunningBoard {

    /** Paged by (amount, id), so that a page never shifts while cases open and close. */
    private static final String OPEN = """
            SELECT id, company_id, stripe_invoice_id, amount_due, currency, opened_at, policy_version, step,
                   paused_at IS NOT NULL
              FROM dunning_case
             WHERE closed_at IS NULL
               AND (?::bigint IS NULL OR (coalesce(amount_due, 0), id) < (?, ?))
             ORDER BY coalesce(amount_due, 0) DESC, id DESC""";

    private static final String AT_RISK = """
            SELECT currency, sum(amount_due) FROM dunning_case
             WHERE closed_at IS NULL AND currency IS NOT NULL GROUP BY currency""";

    private static final String LAST_30_DAYS = """
            SELECT currency, sum(amount_due) FILTER (WHERE close_reason = 'PAID'), count(*) FILTER (WHERE close_reason = 'PAID'),
                   count(*)
              FROM dunning_case WHERE closed_at > now() - interval '30 days' GROUP BY currency""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    DunningPolicies policies;

    /** {@code state} null: every open case; {@code cursor} the last page's {@code nextCursor} ({@code amount:id}). */
    public DunningList open(DunningState state, int limit, String cursor) {
        Long afterAmount = null;
        Long afterId = null;
        if (cursor != null) {
            String[] parts = cursor.split(":");
            try {
                afterAmount = Long.parseLong(parts[0]);
                afterId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this list: " + cursor);
            }
        }
        try (Connection db = dataSource.getConnection()) {
            List<DunningList.Item> items = new ArrayList<>();
            String next = null;
            try (PreparedStatement query = db.prepareStatement(OPEN)) {
                query.setObject(1, afterAmount);
                query.setObject(2, afterAmount);
                query.setObject(3, afterId);
                try (ResultSet rows = query.executeQuery()) {
                    String lastKey = null;
                    while (rows.next()) {
                        Policy policy = policies.version(rows.getString(7));
                        int step = rows.getInt(8);
                        DunningState caseState = step < 0 ? DunningState.GRACE : policy.steps().get(step).state();
                        if (state != null && caseState != state) {
                            continue;
                        }
                        if (items.size() == limit) {
                            next = lastKey;
                            break;
                        }
                        Long amount = rows.getObject(4, Long.class);
                        items.add(new DunningList.Item(rows.getLong(2), rows.getString(3), amount, rows.getString(5),
                                time(rows, 6), step < 0 ? null : policy.steps().get(step).name(), rows.getBoolean(9)));
                        lastKey = (amount == null ? 0 : amount) + ":" + rows.getLong(1);
                    }
                }
            }
            Map<String, Long> atRisk = new TreeMap<>();
            try (PreparedStatement query = db.prepareStatement(AT_RISK); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    atRisk.put(rows.getString(1), rows.getLong(2));
                }
            }
            Map<String, Long> recovered = new TreeMap<>();
            long paid = 0;
            long closed = 0;
            try (PreparedStatement query = db.prepareStatement(LAST_30_DAYS); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1) != null && rows.getLong(2) > 0) {
                        recovered.put(rows.getString(1), rows.getLong(2));
                    }
                    paid += rows.getLong(3);
                    closed += rows.getLong(4);
                }
            }
            return new DunningList(items, next, atRisk, recovered, closed == 0 ? null : (double) paid / closed);
        } catch (SQLException e) {
            throw new IllegalStateException("the dunning cases cannot be read: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
