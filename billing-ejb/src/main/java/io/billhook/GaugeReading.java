package io.billhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One row of the database for the gauges of a metrics scrape: read at most once a second, however many gauges of
 * one scrape ask for it, and {@code unavailable} while the database cannot be read (the truth is the database:
 * its gauges are then NaN, which Prometheus takes as "no value", never a number that could pass for one).
 */
public final class GaugeReading<T> {

    @FunctionalInterface
    public interface Row<T> {
        T of(ResultSet row) throws SQLException;
    }

    private static final long REUSE_MILLIS = 1000;

    private final String sql;
    private final Row<T> row;
    private final T unavailable;
    private volatile T value;
    private volatile long readAt;

    public GaugeReading(String sql, Row<T> row, T unavailable) {
        this.sql = sql;
        this.row = row;
        this.unavailable = unavailable;
    }

    public T get(DataSource dataSource) {
        long now = System.currentTimeMillis();
        T current = value;
        if (current != null && now - readAt < REUSE_MILLIS) {
            return current;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet result = query.executeQuery()) {
            result.next();
            current = row.of(result);
        } catch (SQLException e) {
            current = unavailable;
        }
        value = current;
        readAt = now;
        return current;
    }
}
