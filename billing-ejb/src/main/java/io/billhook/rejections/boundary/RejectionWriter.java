package io.billhook.rejections.boundary;

import io.billhook.Jndi;
import io.billhook.rejections.control.RejectionTally;
import io.billhook.rejections.entity.Rejection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes what {@link Rejections} counted, once a second, in one transaction: a row per kind into
 * {@code webhook_rejection_count} (which the statistics add up) and the sample into {@code webhook_rejection}.
 * However many requests were refused, that is one commit a second off the request threads. A batch the
 * database does not take is counted again and tried with the next one.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class RejectionWriter {

    private static final System.Logger LOG = System.getLogger(RejectionWriter.class.getName());

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Rejections rejections;

    private boolean failing;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void write() {
        RejectionTally tally = rejections.tally();
        RejectionTally.Batch batch = tally.take();
        if (batch.isEmpty()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            writeCounts(db, batch.counts());
            writeSample(db, batch);
            db.commit();
            if (failing) {
                LOG.log(Level.INFO, "Rejected webhooks are written again");
                failing = false;
            }
        } catch (SQLException e) {
            tally.giveBack(batch);
            if (!failing) {
                LOG.log(Level.WARNING, "Could not write {0} rejected webhooks, kept for the next try: {1}",
                        batch.rejections(), e.getMessage());
                failing = true;
            }
        }
    }

    /** What was counted when the server stops is written, not dropped. */
    @PreDestroy
    void writeTheRest() {
        write();
    }

    private static void writeCounts(Connection db, Map<Rejection.Kind, Rejection.Count> counts) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (Map.Entry<Rejection.Kind, Rejection.Count> count : counts.entrySet()) {
                Rejection.Kind kind = count.getKey();
                insert.setObject(1, kind.minute().atOffset(ZoneOffset.UTC));
                insert.setObject(2, count.getValue().first().atOffset(ZoneOffset.UTC));
                insert.setString(3, kind.provider());
                insert.setString(4, kind.reason());
                insert.setInt(5, kind.httpStatus());
                insert.setLong(6, count.getValue().rejections());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void writeSample(Connection db, RejectionTally.Batch batch) throws SQLException {
        if (batch.samples().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_rejection (provider, reason, http_status, body_bytes, remote_address, received_at,
                                               correlation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Rejection rejection : batch.samples()) {
                insert.setString(1, rejection.provider().key());
                insert.setString(2, rejection.reason());
                insert.setInt(3, rejection.httpStatus());
                insert.setLong(4, rejection.bodyBytes());
                insert.setString(5, rejection.remoteAddress());
                insert.setObject(6, rejection.receivedAt().atOffset(ZoneOffset.UTC));
                insert.setString(7, rejection.correlationId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
