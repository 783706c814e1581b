package io.billhook.statistics.control;

import io.billhook.schema.control.Migrations;
import io.billhook.statistics.entity.WebhookStatistics;
import io.billhook.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Statistics at scale: loads EVENTS webhook events (default 1,000,000) spread over DAYS days (default 30)
 * into a fresh database, with duplicates and rejections, through the same triggers the server uses, then
 * times the statistics query the server runs, folded and not, over all time and from several instants.
 *
 * <pre>  StatisticsBenchmark JDBC_URL [EVENTS] [DAYS]   (the URL's database is dropped and created)</pre>
 */
public final class StatisticsBenchmark {

    private static final String[] TYPES = {"invoice.paid", "invoice.payment_succeeded", "invoice.finalized",
            "invoice.created", "invoice.updated", "invoice.payment_failed", "invoice.upcoming", "invoice.voided",
            "charge.succeeded", "charge.failed", "charge.refunded", "charge.updated", "charge.captured",
            "charge.dispute.created", "charge.dispute.closed", "payment_intent.succeeded", "payment_intent.created",
            "payment_intent.payment_failed", "payment_intent.canceled", "payment_method.attached",
            "customer.created", "customer.updated", "customer.deleted", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "customer.subscription.trial_will_end",
            "customer.subscription.paused", "customer.subscription.resumed", "checkout.session.completed",
            "checkout.session.expired", "refund.created", "refund.updated", "product.created", "price.created",
            "plan.created", "credit_note.created", "setup_intent.succeeded", "subscription_schedule.created",
            "billing_portal.session.created", "invoiceitem.created", "invoice_payment.paid", "call_ended",
            "call_analyzed", "BOOKING_CREATED", "BOOKING_CANCELLED"};

    private static final int RUNS = 25;

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        TestDatabase.main(new String[] {"reset", url});
        Migrations.configure(StatisticsBenchmark.class.getClassLoader())
                .dataSource(url, "postgres", System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", "")).load().migrate();
        try (Connection db = DriverManager.getConnection(url, "postgres",
                System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", ""))) {
            long started = System.nanoTime();
            load(db, events, days);
            System.out.printf("loaded %,d events, %,d duplicates, %,d rejections over %d days in %.1f s%n",
                    count(db, "webhook_event"), count(db, "webhook_duplicate"), count(db, "webhook_rejection_count"), days,
                    (System.nanoTime() - started) / 1e9);
            analyze(db);
            System.out.printf("%,d change rows waiting to be folded%n", count(db, "webhook_stats_delta"));
            started = System.nanoTime();
            StatisticsRollup.fold(db);
            System.out.printf("fold: %.1f s; rollup rows: %,d days, %,d hours%n",
                    (System.nanoTime() - started) / 1e9, count(db, "webhook_stats"), count(db, "webhook_stats_hour"));
            // the load left all its changes to one fold; in service the folds are small and autovacuum
            // (threshold 5,000 rows on this table) clears their trail within a minute
            vacuum(db);
            analyze(db);
            Instant now = Instant.now();
            time(db, "all time", null, null);
            time(db, "all time, provider stripe", "stripe", null);
            time(db, "since 1 h", null, now.minus(Duration.ofHours(1)));
            time(db, "since 24 h", null, now.minus(Duration.ofHours(24)).plusSeconds(1234));
            time(db, "since 3.5 days", null, now.minus(Duration.ofHours(84)).plusSeconds(77));
            time(db, "since 10 days (day buckets)", null, now.minus(Duration.ofDays(10)).plusSeconds(4321));
            time(db, "since 10 days, at 00:00:59", null,
                    now.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.DAYS).plusSeconds(59));
            WebhookStatistics all = WebhookStatistics.of(null, StatisticsRollup.read(db, null, null));
            System.out.printf("check: total %,d, processed %,d, duplicates %,d, rejected %,d, p50 %s ms, p95 %s ms%n",
                    all.overall().total(), all.overall().count(io.billhook.inbox.entity.WebhookStatus.PROCESSED),
                    all.overall().duplicatesPrevented(), all.overall().rejected(), all.overall().processingMillis(0.5),
                    all.overall().processingMillis(0.95));
        }
    }

    /** Realistic mix: most events processed or ignored, some failed or retrying; 5 % duplicates, 1 % rejections. */
    private static void load(Connection db, long events, int days) throws SQLException {
        long batch = 100_000;
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, received_at, enqueued_at,
                                           status, attempts, correlation_id, processed_at, processing_millis)
                SELECT CASE WHEN t > 41 THEN (CASE WHEN t > 43 THEN 'calcom' ELSE 'retell' END) ELSE 'stripe' END,
                       'evt_bench_' || n, (?::text[])[1 + t], 'MEDIUM',
                       '{"object":"event"}'::jsonb, r, r, s, CASE s WHEN 'RETRYING' THEN 2 WHEN 'FAILED' THEN 4
                                                           ELSE 1 + (n % 50 = 0)::int END,
                       'bench', CASE WHEN s IN ('PROCESSED', 'IGNORED', 'FAILED') THEN r END,
                       CASE WHEN s IN ('PROCESSED', 'IGNORED') THEN (2 + 60 * power(random(), 3))::bigint END
                  FROM generate_series(?::bigint, ?::bigint) n,
                       LATERAL (SELECT (n * 7919) % ? AS t,
                                       now() - make_interval(secs => (? * 86400.0) * (n::float8 / ?)) AS r,
                                       CASE WHEN n % 100 < 80 THEN 'PROCESSED' WHEN n % 100 < 95 THEN 'IGNORED'
                                            WHEN n % 100 < 97 THEN 'FAILED' WHEN n % 100 < 98 THEN 'RETRYING'
                                            ELSE 'RECEIVED' END AS s) generated
                """)) {
            for (long from = 1; from <= events; from += batch) {
                insert.setArray(1, db.createArrayOf("text", TYPES));
                insert.setLong(2, from);
                insert.setLong(3, Math.min(events, from + batch - 1));
                insert.setInt(4, TYPES.length);
                insert.setInt(5, days);
                insert.setLong(6, events);
                insert.executeUpdate();
            }
        }
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO webhook_duplicate (webhook_event_id, received_at)
                    SELECT id, received_at + interval '5 minutes' FROM webhook_event WHERE id % 20 = 0""");
            statement.executeUpdate("""
                    INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
                    SELECT date_trunc('minute', received_at, 'UTC'), received_at, 'stripe', 'invalid-signature', 400, 1
                      FROM webhook_event WHERE id % 100 = 7""");
        }
    }

    private static void time(Connection db, String what, String provider, Instant since) throws SQLException {
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < RUNS + 3; run++) {
            long started = System.nanoTime();
            WebhookStatistics.of(since, StatisticsRollup.read(db, provider, since));
            if (run >= 3) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf("%-32s median %6.1f ms   p95 %6.1f ms   max %6.1f ms   (%d runs)%n", what,
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1), millis.size());
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void vacuum(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("VACUUM webhook_stats_delta");
        }
    }

    private static void analyze(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("ANALYZE");
        }
    }
}
