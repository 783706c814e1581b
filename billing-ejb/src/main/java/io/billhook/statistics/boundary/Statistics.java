package io.billhook.statistics.boundary;

import io.billhook.Jndi;
import io.billhook.statistics.control.StatisticsRollup;
import io.billhook.statistics.entity.StatisticsUnavailable;
import io.billhook.statistics.entity.WebhookStatistics;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The statistics operators ask for, read from the rollup: as fast at millions of events as at a hundred. A read
 * outside any transaction: {@link StatisticsRollup#read} makes the one it needs for its session settings.
 */
@ApplicationScoped
public class Statistics {

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /**
     * The events backfills and reconciliations stored, counted from the rows themselves (few, and found by their own
     * index): retention's deletes take them out of this count, not out of the rollup's.
     */
    private static final String BACKFILLED = """
            SELECT provider, event_type, count(*) FROM webhook_event
             WHERE source = 'backfill' AND received_at >= coalesce(?::timestamptz, '-infinity')
               AND (?::text IS NULL OR provider = ?)
             GROUP BY provider, event_type""";

    /** The events received since {@code since} (null: ever) from {@code provider} (null: all). */
    public WebhookStatistics of(String provider, Instant since) {
        try (Connection db = dataSource.getConnection()) {
            WebhookStatistics statistics = WebhookStatistics.of(since, StatisticsRollup.read(db, provider, since));
            try (PreparedStatement backfilled = db.prepareStatement(BACKFILLED)) {
                backfilled.setObject(1, since == null ? null : OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                backfilled.setString(2, provider);
                backfilled.setString(3, provider);
                try (ResultSet rows = backfilled.executeQuery()) {
                    while (rows.next()) {
                        statistics.addBackfilled(rows.getString(1), rows.getString(2), rows.getLong(3));
                    }
                }
            }
            return statistics;
        } catch (SQLException e) {
            throw new StatisticsUnavailable("the statistics cannot be read: " + e.getMessage(), e);
        }
    }
}
