package io.billhook.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.statistics.entity.StatisticsRow;
import io.billhook.testdb.MigrationDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rollup against the raw rows it counts, on a database of its own: history written before migration V13
 * (which folds the hour buckets of a server before it into days and counts their hours again from the raw
 * rows), changes not folded yet, changes to events of days already folded, new events. Every instant asked for
 * must give exactly what the raw rows say.
 */
class StatisticsRollupIT {

    private static final String TRUTH = """
            SELECT provider, event_type, status, webhook_stats_millis_le(processing_millis), count(*),
                   sum(greatest(attempts - 1, 0)), 0, 0
              FROM webhook_event WHERE received_at >= ? GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT e.provider, e.event_type, '', -1, 0, 0, count(*), 0
              FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id WHERE d.received_at >= ? GROUP BY 1, 2
            UNION ALL
            SELECT provider, '', '', -1, 0, 0, 0, sum(rejections) FROM webhook_rejection_count WHERE first_at >= ? GROUP BY 1
            """;

    @Test
    void everyInstantIsCountedExactlyWhereverItsHoursAre() throws SQLException {
        MigrationDatabase database = MigrationDatabase.fresh("statistics");
        database.migrateTo("12");
        try (Connection db = database.connect()) {
            history(db, "before.v13");
            // a server before V13 folded some of them into hour buckets, and had not compacted them into days yet
            execute(db, """
                    WITH moved AS (DELETE FROM webhook_stats_delta WHERE bucket < now() - interval '5 days' RETURNING *)
                    INSERT INTO webhook_stats (bucket, provider, event_type, status, millis_le,
                                               events, retries, duplicates, rejections)
                    SELECT bucket, provider, event_type, status, millis_le,
                           sum(events), sum(retries), sum(duplicates), sum(rejections)
                      FROM moved GROUP BY 1, 2, 3, 4, 5""");
            database.migrate();
            assertTrue(count(db, "webhook_stats_hour") > 0, "the hours of folded days are kept");
            assertExact(db, "after the migration");

            execute(db, """
                    UPDATE webhook_event SET status = 'PROCESSED', processing_millis = 7, attempts = attempts + 1
                     WHERE status = 'FAILED' AND id % 3 = 0""");
            assertExact(db, "changes not folded");
            StatisticsRollup.fold(db);
            assertExact(db, "changes folded into days and their hours");

            assertEquals(0, count(db, "webhook_stats WHERE bucket <> date_trunc('day', bucket, 'UTC')"), "days only");

            history(db, "after.v13");
            assertExact(db, "new events not folded");
            StatisticsRollup.fold(db);
            assertExact(db, "new events folded");
        }
    }

    /** Events every 29 minutes over twelve days, some retried, some failed, with duplicates and refusals. */
    private static void history(Connection db, String type) throws SQLException {
        execute(db, """
                INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, received_at, enqueued_at,
                                           status, attempts, correlation_id, processed_at, processing_millis)
                SELECT (ARRAY['stripe','retell','calcom'])[1 + n % 3], ?::text || '-' || n, ?, 'LOW', '{}'::jsonb, r, r,
                       (ARRAY['PROCESSED','PROCESSED','PROCESSED','IGNORED','FAILED'])[1 + n % 5],
                       1 + n % 4, 'it-statistics', r, CASE WHEN n % 5 < 4 THEN 3 + (n * 37) % 400 END
                  FROM generate_series(1, 600) n, LATERAL (SELECT now() - make_interval(mins => n * 29) AS r) received
                """, type, type);
        execute(db, """
                INSERT INTO webhook_duplicate (webhook_event_id, received_at)
                SELECT id, received_at + interval '1 minute' FROM webhook_event WHERE event_type = ? AND attempts = 2
                """, type);
        execute(db, """
                INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
                SELECT date_trunc('minute', received_at, 'UTC'), received_at, provider, 'invalid-signature', 400, 1 + id % 3
                  FROM webhook_event WHERE event_type = ? AND id % 7 = 0
                """, type);
    }

    private static void assertExact(Connection db, String when) throws SQLException {
        Instant now = Instant.now();
        Instant tenDaysAgo = now.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.DAYS);
        Instant yesterday = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
        // early and late in an hour (raw rows taken away or added) and in a day (hours likewise), whole days and hours
        List<Instant> instants = Arrays.asList(null, tenDaysAgo.plusSeconds(3 * 3600 + 1207),
                tenDaysAgo.plusSeconds(3 * 3600 + 3007), tenDaysAgo.plusSeconds(14 * 3600 + 607), tenDaysAgo.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(3)).minusSeconds(1999), now.minus(Duration.ofHours(60)).truncatedTo(ChronoUnit.HOURS),
                yesterday.plusSeconds(21 * 3600 + 2403), yesterday.plusSeconds(59), now.minus(Duration.ofMinutes(95)));
        for (Instant since : instants) {
            assertEquals(truth(db, since), counted(StatisticsRollup.read(db, null, since)), when + ", since " + since);
        }
    }

    private static Map<String, List<Long>> counted(List<StatisticsRow> rows) {
        Map<String, List<Long>> counted = new TreeMap<>();
        for (StatisticsRow row : rows) {
            add(counted, row.provider() + " " + row.eventType() + " " + row.status() + " " + row.millisLe(),
                    row.events(), row.retries(), row.duplicates(), row.rejections());
        }
        counted.values().removeIf(figures -> figures.stream().allMatch(figure -> figure == 0));
        return counted;
    }

    private static Map<String, List<Long>> truth(Connection db, Instant since) throws SQLException {
        Map<String, List<Long>> truth = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement(TRUTH)) {
            Timestamp from = Timestamp.from(since == null ? Instant.EPOCH : since);
            for (int parameter = 1; parameter <= 3; parameter++) {
                query.setTimestamp(parameter, from);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    add(truth, rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getInt(4),
                            rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8));
                }
            }
        }
        return truth;
    }

    private static void add(Map<String, List<Long>> figures, String key, long... amounts) {
        List<Long> sums = figures.computeIfAbsent(key, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
        for (int i = 0; i < amounts.length; i++) {
            sums.set(i, sums.get(i) + amounts[i]);
        }
    }

    private static void execute(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static long count(Connection db, String from) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
