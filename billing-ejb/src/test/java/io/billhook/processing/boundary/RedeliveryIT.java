package io.billhook.processing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.billhook.Jndi;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.boundary.Inbox;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.testdb.Deployments;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wake-up that comes again (redelivered by the messaging engine, or sent twice) for an event waiting for its
 * retry does not run that retry before its time; once the time has come it does.
 */
@ExtendWith(ArquillianExtension.class)
class RedeliveryIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.billingWithoutConsumer("redelivery-it.war");
    }

    @Inject
    Inbox inbox;

    @Inject
    WebhookProcessor processor;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Test
    void aRetryIsNotRunBeforeItsNextAttempt() throws SQLException {
        String callId = "call_redelivery_" + UUID.randomUUID();
        // an informational Retell type: an attempt that runs makes it IGNORED
        long id = inbox.store(new IncomingEvent(Provider.RETELL, callId + ":transcript_updated", "transcript_updated", null,
                "{\"event\":\"transcript_updated\",\"call\":{\"call_id\":\"" + callId + "\"}}", "redelivery-it")).id();
        processor.fail(id, new IllegalStateException("the database went away"), OffsetDateTime.now());
        assertEquals("RETRYING 1", statusAndAttempts(id), "a transient failure waits for its retry (30 s)");

        processor.apply(id, OffsetDateTime.now());
        assertEquals("RETRYING 1", statusAndAttempts(id), "the early wake-up did nothing");

        update("UPDATE webhook_event SET next_attempt_at = now() - interval '1 second' WHERE id = ?", id);
        processor.apply(id, OffsetDateTime.now());
        assertEquals("IGNORED 2", statusAndAttempts(id), "the wake-up at its time ran the retry");
    }

    private String statusAndAttempts(long id) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT status || ' ' || attempts FROM webhook_event WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void update(String sql, long id) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement update = db.prepareStatement(sql)) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }
}
