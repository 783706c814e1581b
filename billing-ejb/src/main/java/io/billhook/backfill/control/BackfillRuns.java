package io.billhook.backfill.control;

import io.billhook.Jndi;
import io.billhook.Jsonp;
import io.billhook.backfill.entity.BackfillRequest;
import io.billhook.backfill.entity.BackfillRun;
import io.billhook.backfill.entity.BackfillStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The backfills in {@code stripe_backfill}: each row is what was asked, where its paging stands (the listing and
 * the last event stored), and what it found. Every write is a statement of its own: a page's events are stored
 * before its row moves on, so a restart pages again from the last page whose events are all stored.
 */
@ApplicationScoped
public class BackfillRuns {

    private static final String COLUMNS = """
            id, requested_at, since, types, undelivered_only, status, fetched, stored, already_stored,
            stored_by_type::text, error, finished_at""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** Where a run's paging stands: the request, the listing it pages, and the event after which the next page starts. */
    public record Position(BackfillRequest request, int listing, String startingAfter) {
    }

    /** @param scheduled whether the reconciliation asks, not an operator */
    public BackfillRun create(BackfillRequest request, boolean scheduled) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO stripe_backfill (since, types, undelivered_only,"
                     + " scheduled) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
            insert.setObject(1, OffsetDateTime.ofInstant(request.since(), java.time.ZoneOffset.UTC));
            insert.setArray(2, db.createArrayOf("text", request.types().toArray()));
            insert.setBoolean(3, request.undeliveredOnly());
            insert.setBoolean(4, scheduled);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return run(row);
            }
        }
    }

    public Optional<BackfillRun> find(long id) throws SQLException {
        List<BackfillRun> found = query("SELECT " + COLUMNS + " FROM stripe_backfill WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public List<BackfillRun> recent(int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM stripe_backfill ORDER BY id DESC LIMIT ?", limit);
    }

    /** When the reconciliation's last finished run was asked for: its window ends there. */
    public Optional<Instant> lastReconciled() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT max(requested_at) FROM stripe_backfill"
                     + " WHERE scheduled AND status = 'FINISHED'");
             ResultSet row = select.executeQuery()) {
            row.next();
            return Optional.ofNullable(instant(row, 1));
        }
    }

    public List<Long> running() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM stripe_backfill WHERE status = 'RUNNING' ORDER BY id", null)
                .stream().map(BackfillRun::id).toList();
    }

    public Position position(long id) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT since, types, undelivered_only, listing, starting_after FROM stripe_backfill WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no backfill " + id);
                }
                BackfillRequest request = new BackfillRequest(row.getObject(1, OffsetDateTime.class).toInstant(),
                        texts(row.getArray(2)), row.getBoolean(3));
                return new Position(request, row.getInt(4), row.getString(5));
            }
        }
    }

    /** The page's counts added, the paging moved on to {@code next}. */
    public void advance(long id, Position next, long fetched, long stored, long alreadyStored,
                        Map<String, Long> storedByType) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("""
                     UPDATE stripe_backfill SET listing = ?, starting_after = ?, fetched = fetched + ?,
                            stored = stored + ?, already_stored = already_stored + ?, stored_by_type = ?::jsonb
                      WHERE id = ?""")) {
            update.setInt(1, next.listing());
            update.setString(2, next.startingAfter());
            update.setLong(3, fetched);
            update.setLong(4, stored);
            update.setLong(5, alreadyStored);
            update.setString(6, json(storedByType));
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    public void finish(long id, BackfillStatus status, String error) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE stripe_backfill SET status = ?, error = ?, finished_at = now() WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, error);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    private List<BackfillRun> query(String sql, Object parameter) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            if (parameter != null) {
                select.setObject(1, parameter);
            }
            List<BackfillRun> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(run(rows));
                }
            }
            return runs;
        }
    }

    private static BackfillRun run(ResultSet row) throws SQLException {
        return new BackfillRun(row.getLong(1), instant(row, 2), instant(row, 3), texts(row.getArray(4)), row.getBoolean(5),
                BackfillStatus.valueOf(row.getString(6)), row.getLong(7), row.getLong(8), row.getLong(9),
                counts(row.getString(10)), row.getString(11), instant(row, 12));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Map<String, Long> counts(String json) {
        Map<String, Long> counts = new TreeMap<>();
        JsonObject object = Jsonp.PROVIDER.createReader(new StringReader(json)).readObject();
        object.forEach((type, count) -> counts.put(type, ((JsonNumber) count).longValue()));
        return counts;
    }

    static String json(Map<String, Long> counts) {
        JsonObjectBuilder object = Jsonp.PROVIDER.createObjectBuilder();
        counts.forEach(object::add);
        return object.build().toString();
    }
}
