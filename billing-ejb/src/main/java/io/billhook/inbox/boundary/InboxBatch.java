package io.billhook.inbox.boundary;

import io.billhook.Jndi;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.inbox.entity.Wakeup;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The inbox writers' transactions (a writer is a thread of its own, so this boundary starts them): a batch of
 * deliveries stored in one transaction with two statements at most, and their wake-ups sent in another.
 * The unique key on (provider, provider_event_id) decides what is new: concurrent deliveries of
 * one event, in this batch or in another, end in exactly one row. Repeats are counted durably.
 * Every batch inserts in key order: two batches holding the same events in different orders would
 * otherwise each wait on a key the other has just inserted, and one would be refused as a deadlock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboxBatch {

    private static final String INSERT_NEW = """
            INSERT INTO webhook_event (provider, provider_event_id, event_type, api_version, lane, payload, correlation_id,
                                       payload_raw, source)
            SELECT p, e, t, v, l, pl::jsonb, c, r, s
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   AS u(p, e, t, v, l, pl, c, r, s)
             ORDER BY p, e
            ON CONFLICT (provider, provider_event_id) DO NOTHING
            RETURNING id, provider, provider_event_id
            """;

    private static final String COUNT_DUPLICATES = """
            WITH known AS (
                SELECT w.id, w.provider, w.provider_event_id
                  FROM unnest(?::text[], ?::text[]) AS d(p, e)
                  JOIN webhook_event w ON w.provider = d.p AND w.provider_event_id = d.e
            ), counted AS (
                INSERT INTO webhook_duplicate (webhook_event_id) SELECT id FROM known
            )
            SELECT id, provider, provider_event_id FROM known
            """;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    EventQueue queue;

    /** @return one receipt per event, in the order given */
    public List<Receipt> store(List<IncomingEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<Key, Long> inserted = insertNew(connection, events);
            List<Receipt> receipts = new ArrayList<>(events.size());
            List<IncomingEvent> repeats = new ArrayList<>();
            for (IncomingEvent event : events) {
                Long id = inserted.remove(Key.of(event));
                if (id != null) {
                    receipts.add(new Receipt(id, false));
                } else {
                    receipts.add(null);
                    repeats.add(event);
                }
            }
            if (!repeats.isEmpty()) {
                Map<Key, Long> known = countDuplicates(connection, repeats);
                for (int i = 0; i < receipts.size(); i++) {
                    if (receipts.get(i) == null) {
                        Long id = known.get(Key.of(events.get(i)));
                        if (id == null) {
                            throw new SQLException("event " + events.get(i).providerEventId() + " neither inserted nor found");
                        }
                        receipts.set(i, new Receipt(id, true));
                    }
                }
            }
            return receipts;
        }
    }

    /** Which of {@code providerEventIds} of {@code provider} are stored. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<String> storedAmong(Provider provider, List<String> providerEventIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT provider_event_id FROM webhook_event WHERE provider = ? AND provider_event_id = ANY (?)")) {
            select.setString(1, provider.key());
            select.setArray(2, connection.createArrayOf("text", providerEventIds.toArray()));
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        }
    }

    public void wakeUp(List<Wakeup> wakeups) {
        queue.wakeUp(wakeups);
    }

    private static Map<Key, Long> insertNew(Connection connection, List<IncomingEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            insert.setArray(1, texts(connection, events, e -> e.provider().key()));
            insert.setArray(2, texts(connection, events, IncomingEvent::providerEventId));
            insert.setArray(3, texts(connection, events, IncomingEvent::type));
            insert.setArray(4, texts(connection, events, IncomingEvent::apiVersion));
            insert.setArray(5, texts(connection, events, e -> e.lane().name()));
            insert.setArray(6, texts(connection, events, IncomingEvent::payload));
            insert.setArray(7, texts(connection, events, IncomingEvent::correlationId));
            insert.setArray(8, texts(connection, events, IncomingEvent::rawPayload));
            insert.setArray(9, texts(connection, events, e -> e.source().key()));
            return keyed(insert);
        }
    }

    private static Map<Key, Long> countDuplicates(Connection connection, List<IncomingEvent> repeats) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT_DUPLICATES)) {
            count.setArray(1, texts(connection, repeats, e -> e.provider().key()));
            count.setArray(2, texts(connection, repeats, IncomingEvent::providerEventId));
            return keyed(count);
        }
    }

    private static Map<Key, Long> keyed(PreparedStatement statement) throws SQLException {
        Map<Key, Long> ids = new HashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.put(new Key(rows.getString(2), rows.getString(3)), rows.getLong(1));
            }
        }
        return ids;
    }

    private static Array texts(Connection connection, List<IncomingEvent> events, Function<IncomingEvent, String> field)
            throws SQLException {
        return connection.createArrayOf("text", events.stream().map(field).toArray());
    }

    private record Key(String provider, String providerEventId) {
        static Key of(IncomingEvent event) {
            return new Key(event.provider().key(), event.providerEventId());
        }
    }
}
