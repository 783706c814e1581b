package io.billhook.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import io.billhook.schema.control.Migrations;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A database of a test's own beside the Arquillian tests' one (named after it with a suffix), dropped and created,
 * for tests that run the migrations themselves, up to a version or all of them.
 */
public record MigrationDatabase(String url) {

    private static final String TESTS_URL = System.getProperty("billhook.test.db.url");
    private static final String USER = System.getenv().getOrDefault("BILLHOOK_TEST_DB_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", "");

    public static MigrationDatabase fresh(String suffix) throws SQLException {
        String server = TESTS_URL.substring(0, TESTS_URL.lastIndexOf('/'));
        String name = TESTS_URL.substring(TESTS_URL.lastIndexOf('/') + 1) + "_" + suffix;
        try (Connection db = DriverManager.getConnection(server + "/postgres", USER, PASSWORD);
             Statement ddl = db.createStatement()) {
            ddl.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            ddl.execute("CREATE DATABASE " + name);
        }
        return new MigrationDatabase(server + "/" + name);
    }

    public void migrateTo(String version) {
        flyway().target(version).load().migrate();
    }

    public void migrate() {
        flyway().load().migrate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    private FluentConfiguration flyway() {
        return Migrations.configure(MigrationDatabase.class.getClassLoader()).dataSource(url, USER, PASSWORD);
    }
}
