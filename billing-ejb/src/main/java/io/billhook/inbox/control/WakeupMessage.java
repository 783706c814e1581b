package io.billhook.inbox.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The text of a wake-up message: the ids of the stored events to process, comma-separated. Properties carry a
 * value per id, by position, comma-separated as well.
 */
public final class WakeupMessage {

    /** String property: the correlation ids of the message's events, in the order of the ids. */
    public static final String CORRELATION_IDS = "correlationIds";

    /** String property, absent while nothing is traced: the W3C traceparent of each event, in the order of the ids. */
    public static final String TRACE_PARENTS = "traceParents";

    private WakeupMessage() {
    }

    public static String body(List<Long> webhookEventIds) {
        return webhookEventIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The property of one value per element; null when every value is null (an empty value reads back as null). */
    public static <T> String perId(List<T> elements, Function<T, String> value) {
        if (elements.stream().map(value).allMatch(Objects::isNull)) {
            return null;
        }
        return elements.stream().map(value).map(v -> v == null ? "" : v).collect(Collectors.joining(","));
    }

    /** The value of each id, by position; null where the property is missing or short. */
    public static List<String> perId(String property, int count) {
        String[] given = property == null ? new String[0] : property.split(",", -1);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(i < given.length && !given[i].isBlank() ? given[i] : null);
        }
        return values;
    }

    public static List<Long> ids(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty wake-up message");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : body.split(",")) {
            ids.add(Long.parseLong(id.trim()));
        }
        return ids;
    }
}
