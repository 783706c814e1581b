package io.billhook.processing.boundary;

import io.billhook.Jndi;
import io.billhook.processing.control.WrittenRows;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A row as it is committed, read outside the caller's transaction: a dry run's transaction sees only what it has
 * written itself. Its row locks do not keep a plain read waiting.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommittedRows {

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** The committed row of {@code table} with the key of {@code row} (a row as JSON), if there is one. */
    public Optional<String> find(String table, List<String> keyColumns, String row) {
        String name = WrittenRows.identifier(table);
        String sql = "SELECT to_jsonb(t)::text FROM " + name + " t WHERE (" + columns("t", keyColumns) + ") = (SELECT "
                + columns("k", keyColumns) + " FROM jsonb_populate_record(NULL::" + name + ", ?::jsonb) k)";
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, row);
            try (ResultSet found = query.executeQuery()) {
                return found.next() ? Optional.of(found.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the committed row of " + table + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String columns(String alias, List<String> names) {
        return names.stream().map(column -> alias + "." + WrittenRows.identifier(column)).collect(Collectors.joining(", "));
    }
}
