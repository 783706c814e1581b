package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tables and JSON for the terminal. */
final class Output {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private Output() {
    }

    static void json(PrintWriter out, JsonStructure json) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(text)) {
            writer.write(json);
        }
        out.println(text.toString().strip());
    }

    /** A value as a table cell: strings without quotes, null as "-". */
    static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? object.getString(name) : value.toString();
    }

    static String shorten(String text, int width) {
        String line = text.replace('\n', ' ');
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }

    static final class Table {

        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        Table row(String... cells) {
            rows.add(cells);
            return this;
        }

        void print(PrintWriter out) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
