package io.billhook.processing.entity;

import io.billhook.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One domain row an event would write: inserted, or updated with the fields that differ from the committed row.
 * Values are JSON as PostgreSQL renders the row ({@code to_jsonb}): {@code "paid"}, {@code 1900}, {@code null}.
 */
public record RowChange(String table, Operation operation, String key, List<FieldChange> fields) {

    public enum Operation { INSERT, UPDATE }

    public record FieldChange(String field, String before, String after) {
    }

    public RowChange {
        fields = List.copyOf(fields);
    }

    /**
     * The change from {@code committed} (empty: the row is new) to {@code written}, both rows as JSON objects; empty
     * when an update writes the values the row already holds.
     */
    public static Optional<RowChange> between(String table, List<String> keyColumns, Optional<String> committed,
                                              String written) {
        JsonObject after = parse(written);
        JsonObject before = committed.map(RowChange::parse).orElse(JsonValue.EMPTY_JSON_OBJECT);
        String key = keyColumns.stream().map(column -> column + "=" + text(after.get(column)))
                .collect(Collectors.joining(","));
        List<FieldChange> fields = new ArrayList<>();
        for (String field : new TreeSet<>(after.keySet())) {
            JsonValue old = before.get(field);
            JsonValue now = after.get(field);
            boolean unchanged = committed.isPresent() ? now.equals(old) : now.getValueType() == JsonValue.ValueType.NULL;
            if (!unchanged) {
                fields.add(new FieldChange(field, old == null ? null : old.toString(), now.toString()));
            }
        }
        if (committed.isPresent() && fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RowChange(table, committed.isPresent() ? Operation.UPDATE : Operation.INSERT, key, fields));
    }

    private static String text(JsonValue value) {
        return value instanceof jakarta.json.JsonString string ? string.getString() : String.valueOf(value);
    }

    private static JsonObject parse(String row) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(row))) {
            return reader.readObject();
        }
    }
}
