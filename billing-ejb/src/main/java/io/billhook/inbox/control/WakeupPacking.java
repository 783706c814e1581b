package io.billhook.inbox.control;

import io.billhook.inbox.entity.Wakeup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which wake-ups travel in one message. A message's events are applied together behind the locks of their
 * subjects (a customer, a call, a booking), so two messages about one customer wait for each other however many
 * consumers there are: the events of one subject are packed into one message, in the order given, and a
 * subject is split only when it has more events than a message holds. Subjects are taken in the order of their
 * first event, so a backlog is still worked from its oldest end.
 */
final class WakeupPacking {

    private WakeupPacking() {
    }

    /** @param subjectOf the subject of a wake-up, or null when it has none (it is then packed on its own) */
    static List<List<Wakeup>> pack(List<Wakeup> wakeups, Function<Wakeup, String> subjectOf, int perMessage) {
        Map<Object, List<Wakeup>> bySubject = new LinkedHashMap<>();
        for (Wakeup wakeup : wakeups) {
            String subject = subjectOf.apply(wakeup);
            bySubject.computeIfAbsent(subject == null ? new Object() : subject, s -> new ArrayList<>()).add(wakeup);
        }
        List<List<Wakeup>> messages = new ArrayList<>();
        List<Wakeup> message = new ArrayList<>(perMessage);
        for (List<Wakeup> ofSubject : bySubject.values()) {
            if (message.size() + ofSubject.size() > perMessage && !message.isEmpty()) {
                messages.add(message);
                message = new ArrayList<>(perMessage);
            }
            for (Wakeup wakeup : ofSubject) {
                if (message.size() == perMessage) {
                    messages.add(message);
                    message = new ArrayList<>(perMessage);
                }
                message.add(wakeup);
            }
        }
        if (!message.isEmpty()) {
            messages.add(message);
        }
        return messages;
    }
}
