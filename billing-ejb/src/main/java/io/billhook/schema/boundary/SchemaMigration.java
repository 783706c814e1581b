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
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to the newest version before the application takes traffic.
 * Flyway manages its own local transactions, hence bean-managed transactions here.
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

    private String version;

    @PostConstruct
    void migrate() {
        awaitDatabase();
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        version = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
        LOG.log(Level.INFO, "Database schema at version {0} ({1} migrations applied)", version, result.migrationsExecuted);
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
