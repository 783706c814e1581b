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

    @Test
    void higherLanesComeBackFirstOldestFirstWithinALane() {
        DeferredWakeups held = new DeferredWakeups(Duration.ofSeconds(30));
        held.hold(wakeups(1, 3, Lane.LOW), 0);
        held.hold(wakeups(4, 5, Lane.MEDIUM), SECOND);
        held.hold(wakeups(6, 6, Lane.LOW), 2 * SECOND);
        held.hold(wakeups(7, 7, Lane.HIGH), 3 * SECOND);
        assertEquals(List.of(7L, 4L, 5L, 1L), ids(held.take(4)));
        assertEquals(3, held.size());
        assertEquals(List.of(2L, 3L, 6L), ids(held.take(100)));
    }

    @Test
    void overdueWakeUpsOfEveryLaneComeBackHigherLanesFirst() {
        DeferredWakeups held = new DeferredWakeups(Duration.ofSeconds(30));
        held.hold(wakeups(1, 2, Lane.LOW), 0);
        held.hold(wakeups(3, 3, Lane.MEDIUM), SECOND);
        held.hold(wakeups(4, 4, Lane.MEDIUM), 20 * SECOND);
        assertEquals(List.of(3L, 1L, 2L), ids(held.takeOverdue(100, 31 * SECOND)));
        assertEquals(1, held.size());
    }

    private static List<Wakeup> wakeups(long from, long to) {
        return wakeups(from, to, Lane.MEDIUM);
    }

    private static List<Wakeup> wakeups(long from, long to, Lane lane) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> new Wakeup(id, lane, "c" + id)).toList();
    }

    private static List<Long> ids(List<Wakeup> wakeups) {
        return wakeups.stream().map(Wakeup::webhookEventId).toList();
    }
}
