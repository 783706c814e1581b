package io.billhook.statistics.entity;

/** The statistics cannot be read now (the database is unavailable). */
public class StatisticsUnavailable extends RuntimeException {
    public StatisticsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
