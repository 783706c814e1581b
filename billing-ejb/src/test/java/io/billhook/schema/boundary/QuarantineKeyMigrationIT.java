package io.billhook.schema.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.billhook.testdb.MigrationDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migration V8 on a database that holds the previous schema's quarantined events: each prefixed key (a Stripe
 * customer id, {@code phone:<E.164>}, {@code calcom:<kind>:<value>}) becomes a kind and a key.
 */
class QuarantineKeyMigrationIT {

    @Test
    void theOldQuarantineKeysAreMovedIntoKindAndKey() throws SQLException {
        MigrationDatabase database = MigrationDatabase.fresh("migration");
        database.migrateTo("7");
        Map<String, String> before = new LinkedHashMap<>();
        before.put("cus_Q1", "STRIPE_CUSTOMER cus_Q1");
        before.put("phone:+49301234567", "PHONE_NUMBER +49301234567");
        before.put("calcom:event_type:123", "CALCOM_EVENT_TYPE 123");
        before.put("calcom:organizer:anna@example.com", "CALCOM_ORGANIZER anna@example.com");
        before.put("calcom:team:7", "CALCOM_TEAM 7");
        try (Connection db = database.connect();
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

        database.migrate();

        try (Connection db = database.connect();
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
}
