package io.billhook.inbox.control;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The text of a wake-up message: the ids of the stored events to process, comma-separated. */
public final class WakeupMessage {

    /** String property: the correlation ids of the message's events, in the order of the ids. */
    public static final String CORRELATION_IDS = "correlationIds";

    private WakeupMessage() {
    }

    public static String body(List<Long> webhookEventIds) {
        return webhookEventIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The correlation id of each id, by position; null where the property is missing or short. */
    public static List<String> correlationIds(String property, int count) {
        String[] given = property == null ? new String[0] : property.split(",", -1);
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i < given.length && !given[i].isBlank() ? given[i] : null);
        }
        return ids;
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
