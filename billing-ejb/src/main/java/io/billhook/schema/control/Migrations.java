package io.billhook.schema.control;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The schema's migrations, one configuration for the server and for the migration step run on its own. */
public final class Migrations {

    private Migrations() {
    }

    public static FluentConfiguration configure(ClassLoader loader) {
        return Flyway.configure(loader)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // Flyway's lock a session's, not a transaction's: CREATE INDEX CONCURRENTLY waits for every open
                // transaction, the lock's own among them, and would never finish
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }
}
