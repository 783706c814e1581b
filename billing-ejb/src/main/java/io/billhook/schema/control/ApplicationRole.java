package io.billhook.schema.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database role the server runs as when the schema is migrated by a step of its own: it may read and write
 * every table and sequence of the schema, and create, alter or drop nothing. Granted again after every migration,
 * so that the tables a migration adds are covered too.
 */
public record ApplicationRole(String name) {

    public ApplicationRole {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the application role's name is empty");
        }
    }

    public void grantDataAccess(Connection db) throws SQLException {
        String role = quoted(name);
        String schema = quoted(db.getSchema());
        try (Statement grant = db.createStatement()) {
            grant.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            grant.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            grant.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
