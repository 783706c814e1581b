package io.billhook.inbox.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * JSON as PostgreSQL's {@code jsonb} can hold it. Valid JSON may carry text that {@code jsonb} refuses: the escape
 * {@code \u0000} and an unpaired surrogate ({@code \ud800}). Those characters, in names and in strings, become
 * U+FFFD; everything else stays as it was.
 */
public final class StorableJson {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableJson() {
    }

    public static String of(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return storable(reader.readValue()).toString();
        }
    }

    private static JsonValue storable(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                value.asJsonObject().forEach((name, member) -> object.add(text(name), storable(member)));
                return object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                value.asJsonArray().forEach(element -> array.add(storable(element)));
                return array.build();
            }
            case STRING -> {
                return Json.createValue(text(((JsonString) value).getString()));
            }
            default -> {
                return value;
            }
        }
    }

    static String text(String text) {
        StringBuilder storable = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean refused = c == 0 || !pair && Character.isSurrogate(c);
            if (refused && storable == null) {
                storable = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (storable != null) {
                storable.append(refused ? REPLACEMENT : c);
                if (pair) {
                    storable.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return storable == null ? text : storable.toString();
    }
}
