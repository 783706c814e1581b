package io.billhook.retention.entity;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What one retention pass did: rows removed or masked by kind, when it started and how long it took. */
public record RetentionReport(Instant startedAt, long millis, Map<RetentionKind, Long> rows) {

    public RetentionReport {
        rows = Map.copyOf(rows);
    }

    public static Map<RetentionKind, Long> none() {
        var rows = new EnumMap<RetentionKind, Long>(RetentionKind.class);
        for (RetentionKind kind : RetentionKind.values()) {
            rows.put(kind, 0L);
        }
        return rows;
    }
}
