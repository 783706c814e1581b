package io.billhook.processing.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * One event of a wake-up message: its row id, and what the message carried along for the logs and the trace (either
 * may be null: a swept event has no trace to continue).
 */
public record Reminder(long webhookEventId, String correlationId, String traceParent) {

    /** The events of one message, from its ids and the per-id values of its properties. */
    public static List<Reminder> of(List<Long> ids, List<String> correlationIds, List<String> traceParents) {
        List<Reminder> reminders = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            reminders.add(new Reminder(ids.get(i), correlationIds.get(i), traceParents.get(i)));
        }
        return reminders;
    }
}
