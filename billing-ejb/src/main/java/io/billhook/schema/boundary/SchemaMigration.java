package io.billhook.schema.boundary;

import io.billhook.Jndi;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.billhook.schema.control.Migrations;

/**
 * Brings the schema to the newest version before the application takes traffic, or, with
 * {@code BILLHOOK_DB_MIGRATE=false} (the migrations run as a step of their own, {@link MigrateCommand}), refuses
 * to start on a schema that is not this release's. Flyway manages its own local transactions, hence bean-managed
 * transactions here.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final System.Logger LOG = System.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** A database that starts together with the server may need a few seconds more. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_DB_STARTUP_WAIT", defaultValue = "60s")
    Duration startupWait;

    @Inject
    @ConfigProperty(name = "BILLHOOK_DB_MIGRATE", defaultValue = "true")
    boolean migrate;

    private String version;

    @PostConstruct
    void migrateOrCheck() {
        awaitDatabase();
        var flyway = Migrations.configure(getClass().getClassLoader()).dataSource(dataSource).load();
        if (migrate) {
            var result = flyway.migrate();
            version = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
            LOG.log(Level.INFO, "Database schema at version {0} ({1} migrations applied)", version, result.migrationsExecuted);
            return;
        }
        // migrations of a newer release than this one are ignored (Flyway's default): a node of the previous
        // release keeps running while the next release's migrations are applied
        var info = flyway.info();
        var current = info.current();
        version = current == null ? null : current.getVersion().getVersion();
        int pending = info.pending().length;
        if (pending > 0) {
            throw new IllegalStateException("BILLHOOK_DB_MIGRATE=false and the schema is at version " + version
                    + ", " + pending + " migrations short of this release's: run this release's migrations first"
                    + " (billhook-migrate.jar, docs/deployment.md)");
        }
        var check = flyway.validateWithResult();
        if (!check.validationSuccessful) {
            throw new IllegalStateException("BILLHOOK_DB_MIGRATE=false and the schema differs from this release's: "
                    + check.getAllErrorMessages().lines().findFirst().orElse(""));
        }
        LOG.log(Level.INFO, "Database schema at version {0}, migrated by a step of its own", version);
    }

    /** Returns once the schema is migrated (a singleton's business methods wait for its construction). */
    public String version() {
        return version;
    }

    private void awaitDatabase() {
        Instant deadline = Instant.now().plus(startupWait);
        while (true) {
            try (Connection ignored = dataSource.getConnection()) {
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("database not reachable after " + startupWait + ": " + e.getMessage(), e);
                }
                LOG.log(Level.WARNING, "Database not reachable yet ({0}); retrying", e.getMessage());
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
