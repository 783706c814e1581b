package io.billhook.statistics.control;

import io.billhook.statistics.entity.StatisticsRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and maintains the statistics rollup (see migration V5). A query reads the folded rollup and the
 * changes not folded yet; the part of a {@code since} that falls inside a bucket is counted from the
 * raw rows of that one bucket, so the answer is exact for any instant (rejections, counted in batches of a
 * second, but for the batch the instant falls in). Plain JDBC, so the benchmark
 * runs exactly what the server runs.
 */
public final class StatisticsRollup {

    /**
     * Buckets older than this are folded from hours into days: a month of traffic is then about a
     * tenth of the rows it would be in hours, and the query reads them within the target.
     */
    public static final Duration HOURLY_FOR = Duration.ofDays(2);

    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final String READ = """
            SELECT provider, event_type, status, millis_le, webhook_stats_millis_above(millis_le),
                   events, retries, duplicates, rejections
              FROM (
            SELECT provider, event_type, status, millis_le,
                   sum(events) AS events, sum(retries) AS retries, sum(duplicates) AS duplicates,
                   sum(rejections) AS rejections
              FROM (SELECT provider, event_type, status, millis_le, events, retries, duplicates, rejections
                      FROM webhook_stats WHERE bucket >= {cutoff} AND {provider}
                    UNION ALL
                    SELECT provider, event_type, status, millis_le, events, retries, duplicates, rejections
                      FROM webhook_stats_delta WHERE bucket >= {cutoff} AND {provider}
                    UNION ALL
                    SELECT provider, event_type, status, webhook_stats_millis_le(processing_millis), sum(n), sum(r), 0, 0
                      FROM (SELECT provider, event_type, status, processing_millis, count(*) AS n,
                                   sum(greatest(attempts - 1, 0)) AS r
                              FROM webhook_event WHERE received_at >= {from} AND received_at < {cutoff} AND {provider}
                             GROUP BY 1, 2, 3, 4) raw_events
                     GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT e.provider, e.event_type, '', -1, 0, 0, count(*), 0
                      FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id
                     WHERE d.received_at >= {from} AND d.received_at < {cutoff} AND {e.provider}
                     GROUP BY 1, 2
                    UNION ALL
                    SELECT provider, '', '', -1, 0, 0, 0, sum(rejections)
                      FROM webhook_rejection_count WHERE first_at >= {from} AND first_at < {cutoff} AND {provider}
                     GROUP BY 1
                   ) counted
             GROUP BY 1, 2, 3, 4) summed
            """;

    private static final String FOLD = """
            WITH moved AS (DELETE FROM webhook_stats_delta RETURNING *)
            INSERT INTO webhook_stats AS s (bucket, provider, event_type, status, millis_le,
                                            events, retries, duplicates, rejections)
            SELECT CASE WHEN bucket < date_trunc('day', now() - ?::interval, 'UTC')
                        THEN date_trunc('day', bucket, 'UTC') ELSE bucket END,
                   provider, event_type, status, millis_le,
                   sum(events), sum(retries), sum(duplicates), sum(rejections)
              FROM moved GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (bucket, provider, event_type, status, millis_le) DO UPDATE
               SET events = s.events + excluded.events, retries = s.retries + excluded.retries,
                   duplicates = s.duplicates + excluded.duplicates, rejections = s.rejections + excluded.rejections
            """;

    private static final String COMPACT = """
            WITH hours AS (DELETE FROM webhook_stats
                            WHERE bucket < date_trunc('day', now() - ?::interval, 'UTC')
                              AND bucket <> date_trunc('day', bucket, 'UTC')
                           RETURNING *)
            INSERT INTO webhook_stats AS s (bucket, provider, event_type, status, millis_le,
                                            events, retries, duplicates, rejections)
            SELECT date_trunc('day', bucket, 'UTC'), provider, event_type, status, millis_le,
                   sum(events), sum(retries), sum(duplicates), sum(rejections)
              FROM hours GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (bucket, provider, event_type, status, millis_le) DO UPDATE
               SET events = s.events + excluded.events, retries = s.retries + excluded.retries,
                   duplicates = s.duplicates + excluded.duplicates, rejections = s.rejections + excluded.rejections
            """;

    private static final String DROP_EMPTY = """
            DELETE FROM webhook_stats WHERE events = 0 AND retries = 0 AND duplicates = 0 AND rejections = 0
            """;

    private StatisticsRollup() {
    }

    /** The rows of all events received since {@code since} (null: ever), of one provider (null: all). */
    public static List<StatisticsRow> read(Connection db, String provider, Instant since, Instant now)
            throws SQLException {
        OffsetDateTime from = since == null ? BEGINNING : OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
        OffsetDateTime cutoff = since == null ? BEGINNING : firstWholeBucketFrom(from, now);
        if (provider != null && !provider.matches("[a-z]+")) {
            throw new IllegalArgumentException("not a provider key: " + provider);
        }
        // literals, not parameters, so that PostgreSQL plans each call for its own instants; all three are made
        // here (instants formatted from OffsetDateTime, a provider key checked above), never taken from a request
        String sql = READ.replace("{cutoff}", literal(cutoff))
                .replace("{from}", literal(from))
                .replace("{e.provider}", provider == null ? "true" : "e.provider = '" + provider + "'")
                .replace("{provider}", provider == null ? "true" : "provider = '" + provider + "'");
        boolean autoCommit = db.getAutoCommit();
        if (autoCommit) {
            db.setAutoCommit(false);
        }
        try (Statement query = db.createStatement()) {
            // the grouping of a month's rollup fits in memory with this much, not with the default 4 MB
            query.execute("SET LOCAL work_mem = '32MB'");
            List<StatisticsRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery(sql)) {
                while (result.next()) {
                    rows.add(new StatisticsRow(result.getString(1), result.getString(2), result.getString(3),
                            result.getInt(4), result.getInt(5), result.getLong(6), result.getLong(7), result.getLong(8),
                            result.getLong(9)));
                }
            }
            return rows;
        } finally {
            if (autoCommit) {
                db.commit();
                db.setAutoCommit(true);
            }
        }
    }

    private static String literal(OffsetDateTime time) {
        return "'" + time.withOffsetSameInstant(ZoneOffset.UTC) + "'::timestamptz";
    }

    /**
     * The first bucket start at or after {@code since}: hours where buckets are still hourly, days
     * before that, with a day's margin so a compaction running meanwhile cannot cross it.
     */
    static OffsetDateTime firstWholeBucketFrom(OffsetDateTime since, Instant now) {
        boolean hourly = since.toInstant().isAfter(now.minus(HOURLY_FOR).plus(Duration.ofDays(1)));
        ChronoUnit unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        OffsetDateTime start = since.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(unit);
        return start.isBefore(since) ? start.plus(1, unit) : start;
    }

    /** Adds the changes written since the last fold into the rollup; returns how many combinations changed. */
    public static int fold(Connection db) throws SQLException {
        int changed;
        try (PreparedStatement fold = db.prepareStatement(FOLD)) {
            fold.setString(1, HOURLY_FOR.toSeconds() + " seconds");
            changed = fold.executeUpdate();
        }
        dropEmpty(db);
        return changed;
    }

    /** Folds the hour buckets older than {@link #HOURLY_FOR} into day buckets. */
    public static int compact(Connection db) throws SQLException {
        int compacted;
        try (PreparedStatement compact = db.prepareStatement(COMPACT)) {
            compact.setString(1, HOURLY_FOR.toSeconds() + " seconds");
            compacted = compact.executeUpdate();
        }
        dropEmpty(db);
        return compacted;
    }

    private static void dropEmpty(Connection db) throws SQLException {
        try (Statement drop = db.createStatement()) {
            drop.executeUpdate(DROP_EMPTY);
        }
    }
}
