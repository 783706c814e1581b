package io.billhook.operations.control;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads rows into the admin API's read models: a query's columns, in order, are the record's first components
 * (their aliases name them, so the SQL reads like the JSON); components beyond the columns are left null for
 * the caller to fill. Times come back in UTC.
 */
public final class Rows {

    private Rows() {
    }

    public static <R extends Record> List<R> of(Connection db, Class<R> type, String sql, Object parameter)
            throws SQLException {
        RecordComponent[] components = type.getRecordComponents();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                List<R> result = new ArrayList<>();
                while (rows.next()) {
                    Object[] values = new Object[components.length];
                    for (int i = 0; i < columns; i++) {
                        values[i] = value(rows, i + 1, components[i].getType());
                    }
                    result.add(construct(type, components, values));
                }
                return result;
            }
        }
    }

    private static Object value(ResultSet rows, int column, Class<?> type) throws SQLException {
        Object value = rows.getObject(column, type);
        return value instanceof OffsetDateTime time ? time.withOffsetSameInstant(ZoneOffset.UTC) : value;
    }

    private static <R extends Record> R construct(Class<R> type, RecordComponent[] components, Object[] values) {
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName() + " of a row", e);
        }
    }
}
