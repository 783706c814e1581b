package io.billhook.schema.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.testdb.MigrationDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upgrade rule (docs/deployment.md, "Upgrades"): this release's migrations applied to a database that holds the
 * previous release's data keep every row as it was, and leave the schema one that the previous release's servers,
 * still running during a rolling upgrade, can go on writing.
 */
class UpgradeMigrationIT {

    /** The schema version of the previous release. */
    static final String PREVIOUS_RELEASE = "14";

    private static final String EVERY_ROW = """
            SELECT 'company', count(*)::text FROM company
            UNION ALL SELECT 'customer', string_agg(stripe_customer_id || company_id || email, ',') FROM stripe_customer
            UNION ALL SELECT 'invoice', string_agg(stripe_invoice_id || status || amount_paid || billing_period_id, ',') FROM invoice
            UNION ALL SELECT 'events', string_agg(provider_event_id || status || attempts || payload::text, ',' ORDER BY id) FROM webhook_event
            UNION ALL SELECT 'attempts', count(*)::text FROM webhook_attempt
            UNION ALL SELECT 'duplicates', count(*)::text FROM webhook_duplicate
            UNION ALL SELECT 'rejections', (SELECT count(*) FROM webhook_rejection) || '/' || (SELECT sum(rejections) FROM webhook_rejection_count)
            UNION ALL SELECT 'statistics', (SELECT sum(events) || '/' || sum(duplicates) || '/' || sum(rejections)
                                              FROM (SELECT events, duplicates, rejections FROM webhook_stats
                                                    UNION ALL SELECT events, duplicates, rejections FROM webhook_stats_delta) s)""";

    @Test
    void thePreviousReleasesDataSurvivesThisReleasesMigrationsAndItsServersCanGoOnWriting() throws Exception {
        MigrationDatabase database = MigrationDatabase.fresh("upgrade");
        database.migrateTo(PREVIOUS_RELEASE);
        List<String> before;
        try (Connection db = database.connect(); Statement load = db.createStatement()) {
            load.execute(fixture());
            before = rows(db);
        }

        database.migrate();

        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            assertEquals(before, rows(db), "every row of the previous release, as it was");
            // the previous release's inbox insert, without the columns this release added
            statement.executeUpdate("""
                    INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, correlation_id)
                    VALUES ('stripe', 'evt_upgrade_written_by_old_node', 'invoice.paid', 'HIGH', '{}', 'c-5')""");
            try (ResultSet index = statement.executeQuery("""
                    SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                     WHERE NOT i.indisvalid OR NOT i.indisready""")) {
                index.next();
                assertEquals(0, index.getLong(1), "an index built concurrently was left invalid");
            }
            try (ResultSet pending = statement.executeQuery("""
                    SELECT count(*) FROM flyway_schema_history WHERE NOT success""")) {
                pending.next();
                assertEquals(0, pending.getLong(1));
            }
            try (ResultSet version = statement.executeQuery("""
                    SELECT max(version::int) FROM flyway_schema_history WHERE version IS NOT NULL""")) {
                version.next();
                assertTrue(version.getInt(1) > Integer.parseInt(PREVIOUS_RELEASE), "this release has migrations of its own");
            }
        }
    }

    private static List<String> rows(Connection db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement query = db.createStatement(); ResultSet result = query.executeQuery(EVERY_ROW)) {
            while (result.next()) {
                rows.add(result.getString(1) + "=" + result.getString(2));
            }
        }
        return rows;
    }

    private static String fixture() throws IOException {
        try (InputStream sql = UpgradeMigrationIT.class.getResourceAsStream("/db/upgrade/previous-release.sql")) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
