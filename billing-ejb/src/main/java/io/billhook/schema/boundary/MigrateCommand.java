package io.billhook.schema.boundary;

import io.billhook.schema.control.ApplicationRole;
import io.billhook.schema.control.Migrations;
import io.billhook.schema.control.StepSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema's migrations as a step of their own ({@code java -jar billhook-migrate.jar}), run with a role that
 * may change the schema before servers start with {@code BILLHOOK_DB_MIGRATE=false} and a role that may only
 * read and write rows. Configured like the server: BILLHOOK_DB_URL, BILLHOOK_DB_USER, BILLHOOK_DB_PASSWORD and
 * BILLHOOK_DB_APP_USER, from the environment or from files in the directories of VARIABLE_SOURCE_DIRS.
 */
public final class MigrateCommand {

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        try {
            run(StepSettings.fromEnvironment());
        } catch (IllegalArgumentException | FlywayException | SQLException e) {
            System.err.println("billhook-migrate: " + firstLine(e) + rootCause(e));
            System.exit(1);
        }
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    /** Flyway names the script that failed; the database's own words are in the cause. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : ": " + firstLine(root);
    }

    private static void run(StepSettings settings) throws SQLException {
        String url = settings.required("BILLHOOK_DB_URL");
        String user = settings.value("BILLHOOK_DB_USER").orElse("postgres");
        String password = settings.value("BILLHOOK_DB_PASSWORD").orElse("");
        var result = Migrations.configure(MigrateCommand.class.getClassLoader())
                .dataSource(url, user, password)
                .load()
                .migrate();
        String version = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
        System.out.printf("billhook-migrate: schema at version %s (%d migrations applied)%n", version, result.migrationsExecuted);
        var appUser = settings.value("BILLHOOK_DB_APP_USER");
        if (appUser.isPresent()) {
            try (Connection db = DriverManager.getConnection(url, user, password)) {
                new ApplicationRole(appUser.get()).grantDataAccess(db);
            }
            System.out.printf("billhook-migrate: %s may read and write every table, and change none%n", appUser.get());
        }
    }
}
