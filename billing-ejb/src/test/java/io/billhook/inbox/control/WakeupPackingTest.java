package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.billhook.handling.entity.Lane;
import io.billhook.inbox.entity.Wakeup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WakeupPackingTest {

    @Test
    void interleavedCustomersEachGetAMessageOfTheirOwn() {
        // four senders at once: a, b, c, d, a, b, c, d, ...
        Map<Long, String> subjects = new java.util.HashMap<>();
        List<Wakeup> wakeups = new ArrayList<>();
        for (long id = 1; id <= 24; id++) {
            subjects.put(id, "cus_" + (char) ('a' + (id - 1) % 4));
            wakeups.add(wakeup(id));
        }
        List<List<Long>> messages = ids(WakeupPacking.pack(wakeups, w -> subjects.get(w.webhookEventId()), 8));
        assertEquals(List.of(List.of(1L, 5L, 9L, 13L, 17L, 21L), List.of(2L, 6L, 10L, 14L, 18L, 22L),
                List.of(3L, 7L, 11L, 15L, 19L, 23L), List.of(4L, 8L, 12L, 16L, 20L, 24L)), messages);
    }

    @Test
    void smallSubjectsShareAMessageWithoutBeingSplit() {
        Map<Long, String> subjects = Map.of(1L, "a", 2L, "a", 3L, "b", 4L, "b", 5L, "b", 6L, "c", 7L, "c");
        List<List<Long>> messages = ids(WakeupPacking.pack(wakeups(1, 7), w -> subjects.get(w.webhookEventId()), 4));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L, 5L), List.of(6L, 7L)), messages);
    }

    @Test
    void aSubjectLargerThanAMessageFillsMessagesInOrder() {
        List<List<Long>> messages = ids(WakeupPacking.pack(wakeups(1, 10), w -> "same", 4));
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L, 7L, 8L), List.of(9L, 10L)), messages);
    }

    @Test
    void eventsWithoutASubjectFillTheGaps() {
        Map<Long, String> subjects = Map.of(1L, "a", 2L, "a", 3L, "a", 5L, "b", 6L, "b", 7L, "b");
        List<List<Long>> messages = ids(WakeupPacking.pack(wakeups(1, 7), w -> subjects.get(w.webhookEventId()), 4));
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L, 7L)), messages);
    }

    private static List<Wakeup> wakeups(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(WakeupPackingTest::wakeup).toList();
    }

    private static Wakeup wakeup(long id) {
        return new Wakeup(id, Lane.MEDIUM, "c" + id);
    }

    private static List<List<Long>> ids(List<List<Wakeup>> messages) {
        return messages.stream().map(m -> m.stream().map(Wakeup::webhookEventId).toList()).toList();
    }
}
