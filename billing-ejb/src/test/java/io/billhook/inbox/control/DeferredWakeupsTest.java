package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.Lane;
import io.billhook.inbox.entity.Wakeup;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeferredWakeupsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void heldWakeUpsComeBackOldestFirstInChunks() {
        DeferredWakeups held = new DeferredWakeups(Duration.ofSeconds(30));
        held.hold(wakeups(1, 5), 0);
        held.hold(wakeups(6, 10), SECOND);
        assertEquals(List.of(1L, 2L, 3L), ids(held.take(3)));
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L), ids(held.take(100)));
        assertTrue(held.isEmpty());
    }

    @Test
    void whileBusyOnlyWhatWasHeldForItsLongestComesBack() {
        DeferredWakeups held = new DeferredWakeups(Duration.ofSeconds(30));
        long start = -5 * SECOND; // nanoTime may be negative
        held.hold(wakeups(1, 2), start);
        held.hold(wakeups(3, 4), start + 10 * SECOND);
        assertEquals(List.of(), held.takeOverdue(100, start + 29 * SECOND));
        assertEquals(List.of(1L, 2L), ids(held.takeOverdue(100, start + 30 * SECOND)));
        assertEquals(2, held.size());
        assertEquals(List.of(3L, 4L), ids(held.takeOverdue(100, start + 41 * SECOND)));
    }

    private static List<Wakeup> wakeups(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> new Wakeup(id, Lane.MEDIUM, "c" + id)).toList();
    }

    private static List<Long> ids(List<Wakeup> wakeups) {
        return wakeups.stream().map(Wakeup::webhookEventId).toList();
    }
}
