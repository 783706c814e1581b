package io.billhook.statistics.control;

import io.billhook.statistics.entity.StatisticsRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and maintains the statistics rollup (migrations V5 and V13): one bucket a day in webhook_stats, one an
 * hour in webhook_stats_hour. A query reads whole days, the hours between its {@code since} and a day's edge,
 * the changes not folded yet, and the raw rows between the instant and an hour's edge ({@link StatisticsWindow}),
 * so the answer is exact for any instant (rejections, counted in batches of a second, but for the batch the
 * instant falls in). One statement, so a fold running meanwhile is seen whole or not at all. Plain JDBC, so
 * the benchmark runs exactly what the server runs.
 */
public final class StatisticsRollup {

    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final String READ = """
            SELECT provider, event_type, status, millis_le, webhook_stats_millis_above(millis_le),
                   events, retries, duplicates, rejections
              FROM (
            SELECT provider, event_type, status, millis_le,
                   sum(events) AS events, sum(retries) AS retries, sum(duplicates) AS duplicates,
                   sum(rejections) AS rejections
              FROM (SELECT provider, event_type, status, millis_le, events, retries, duplicates, rejections
                      FROM webhook_stats WHERE bucket >= {days} AND {provider}
                    UNION ALL
                    SELECT provider, event_type, status, millis_le,
                           {hoursSign} * events, {hoursSign} * retries, {hoursSign} * duplicates, {hoursSign} * rejections
                      FROM webhook_stats_hour WHERE bucket >= {hoursFrom} AND bucket < {hoursTo} AND {provider}
                    UNION ALL
                    SELECT provider, event_type, status, millis_le, events, retries, duplicates, rejections
                      FROM webhook_stats_delta WHERE bucket >= {changesFrom} AND {provider}
                    UNION ALL
                    SELECT provider, event_type, status, webhook_stats_millis_le(processing_millis),
                           {rawSign} * sum(n), {rawSign} * sum(r), 0, 0
                      FROM (SELECT provider, event_type, status, processing_millis, count(*) AS n,
                                   sum(greatest(attempts - 1, 0)) AS r
                              FROM webhook_event WHERE received_at >= {rawFrom} AND received_at < {rawTo} AND {provider}
                             GROUP BY 1, 2, 3, 4) raw_events
                     GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT e.provider, e.event_type, '', -1, 0, 0, {rawSign} * count(*), 0
                      FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id
                     WHERE d.received_at >= {rawFrom} AND d.received_at < {rawTo} AND {e.provider}
                     GROUP BY 1, 2
                    UNION ALL
                    SELECT provider, '', '', -1, 0, 0, 0, {rawSign} * sum(rejections)
                      FROM webhook_rejection_count WHERE first_at >= {rawFrom} AND first_at < {rawTo} AND {provider}
                     GROUP BY 1
                   ) counted
             GROUP BY 1, 2, 3, 4
            HAVING sum(events) <> 0 OR sum(retries) <> 0 OR sum(duplicates) <> 0 OR sum(rejections) <> 0) summed
            """;

    /** The changes the triggers wrote (by hour) go into their day and their hour. */
    private static final String FOLD = """
            WITH moved AS (DELETE FROM webhook_stats_delta RETURNING *),
                 hours AS (
            INSERT INTO webhook_stats_hour AS h (bucket, provider, event_type, status, millis_le,
                                                 events, retries, duplicates, rejections)
            SELECT bucket, provider, event_type, status, millis_le,
                   sum(events), sum(retries), sum(duplicates), sum(rejections)
              FROM moved GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (bucket, provider, event_type, status, millis_le) DO UPDATE
               SET events = h.events + excluded.events, retries = h.retries + excluded.retries,
                   duplicates = h.duplicates + excluded.duplicates, rejections = h.rejections + excluded.rejections)
            INSERT INTO webhook_stats AS s (bucket, provider, event_type, status, millis_le,
                                            events, retries, duplicates, rejections)
            SELECT date_trunc('day', bucket, 'UTC'), provider, event_type, status, millis_le,
                   sum(events), sum(retries), sum(duplicates), sum(rejections)
              FROM moved GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (bucket, provider, event_type, status, millis_le) DO UPDATE
               SET events = s.events + excluded.events, retries = s.retries + excluded.retries,
                   duplicates = s.duplicates + excluded.duplicates, rejections = s.rejections + excluded.rejections
            """;

    private static final String DROP_EMPTY = """
            DELETE FROM {table} WHERE events = 0 AND retries = 0 AND duplicates = 0 AND rejections = 0
            """;

    private StatisticsRollup() {
    }

    /** The rows of all events received since {@code since} (null: ever), of one provider (null: all). */
    public static List<StatisticsRow> read(Connection db, String provider, Instant since)
            throws SQLException {
        OffsetDateTime from = since == null ? BEGINNING : OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
        if (provider != null && !provider.matches("[a-z]+")) {
            throw new IllegalArgumentException("not a provider key: " + provider);
        }
        // literals, not parameters, so that PostgreSQL plans each call for its own instants; all of them are made
        // here (instants formatted from OffsetDateTime, a provider key checked above), never taken from a request
        StatisticsWindow window = StatisticsWindow.from(from);
        String sql = READ.replace("{days}", literal(window.days()))
                .replace("{hoursFrom}", literal(window.hoursFrom())).replace("{hoursTo}", literal(window.hoursTo()))
                .replace("{rawFrom}", literal(window.rawFrom())).replace("{rawTo}", literal(window.rawTo()))
                .replace("{changesFrom}", literal(window.changesFrom()))
                .replace("{hoursSign}", String.valueOf(window.hoursSign()))
                .replace("{rawSign}", String.valueOf(window.rawSign()))
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

    /** Adds the changes written since the last fold into the rollup. */
    public static void fold(Connection db) throws SQLException {
        try (Statement fold = db.createStatement()) {
            fold.executeUpdate(FOLD);
        }
        dropEmpty(db);
    }

    private static void dropEmpty(Connection db) throws SQLException {
        try (Statement drop = db.createStatement()) {
            drop.executeUpdate(DROP_EMPTY.replace("{table}", "webhook_stats"));
            drop.executeUpdate(DROP_EMPTY.replace("{table}", "webhook_stats_hour"));
        }
    }
}
