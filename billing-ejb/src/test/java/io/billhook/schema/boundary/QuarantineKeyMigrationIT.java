package io.billhook.schema.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V8 on a database that holds the previous schema's quarantined events: each prefixed key (a Stripe
 * customer id, {@code phone:<E.164>}, {@code calcom:<kind>:<value>}) becomes a kind and a key.
 */
class QuarantineKeyMigrationIT {

    static final String SERVER_URL = System.getProperty("billhook.test.db.url");
    static final String USER = System.getenv().getOrDefault("BILLHOOK_TEST_DB_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", "");

    @Test
    void theOldQuarantineKeysAreMovedIntoKindAndKey() throws SQLException {
        String url = freshDatabase(SERVER_URL.substring(SERVER_URL.lastIndexOf('/') + 1) + "_migration");
        flyway(url).target("7").load().migrate();
        Map<String, String> before = new LinkedHashMap<>();
        before.put("cus_Q1", "STRIPE_CUSTOMER cus_Q1");
        before.put("phone:+49301234567", "PHONE_NUMBER +49301234567");
        before.put("calcom:event_type:123", "CALCOM_EVENT_TYPE 123");
        before.put("calcom:organizer:anna@example.com", "CALCOM_ORGANIZER anna@example.com");
        before.put("calcom:team:7", "CALCOM_TEAM 7");
        try (Connection db = DriverManager.getConnection(url, USER, PASSWORD);
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, correlation_id,
                                                status, quarantined_customer)
                     VALUES ('stripe', ?, 'invoice.paid', 'MEDIUM', '{}', 'migration-it', 'QUARANTINED', ?)""")) {
            for (String key : before.keySet()) {
                insert.setString(1, "evt_" + key);
                insert.setString(2, key);
                insert.executeUpdate();
            }
            insert.setString(1, "evt_processed");
            insert.setString(2, null);
            insert.executeUpdate();
        }

        flyway(url).load().migrate();

        try (Connection db = DriverManager.getConnection(url, USER, PASSWORD);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("""
                     SELECT provider_event_id, quarantine_kind || ' ' || quarantine_key FROM webhook_event ORDER BY id""")) {
            Map<String, String> after = new LinkedHashMap<>();
            while (rows.next()) {
                after.put(rows.getString(1), rows.getString(2));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            before.forEach((key, moved) -> expected.put("evt_" + key, moved));
            expected.put("evt_processed", null);
            assertEquals(expected, after);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration")
                .failOnMissingLocations(true);
    }

    /** A database of its own beside the tests' one (named after it), dropped and created. */
    private static String freshDatabase(String name) throws SQLException {
        String server = SERVER_URL.substring(0, SERVER_URL.lastIndexOf('/'));
        try (Connection db = DriverManager.getConnection(server + "/postgres", USER, PASSWORD);
             Statement ddl = db.createStatement()) {
            ddl.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            ddl.execute("CREATE DATABASE " + name);
        }
        return server + "/" + name;
    }
}
