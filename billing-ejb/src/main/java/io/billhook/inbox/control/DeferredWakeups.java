package io.billhook.inbox.control;

import io.billhook.handling.entity.Lane;
import io.billhook.inbox.entity.Wakeup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The wake-ups of stored events held back during a burst of deliveries, so that acknowledging comes first
 * and processing catches up once the burst is over. None is held longer than {@code longest}: under a load that
 * never lets up, processing runs that far behind and keeps up, instead of waiting for ever. Only reminders are held:
 * the rows are stored, and were this server to stop, the sweep at the next start would wake them. They come back
 * lane by lane, the higher first and oldest first within a lane: a consumer that takes the first of them while
 * the rest are still being sent must not start on a low-lane backlog before the medium-lane events behind it.
 */
public final class DeferredWakeups {

    private final long longestNanos;
    private final Map<Lane, ArrayDeque<Held>> held = new EnumMap<>(Lane.class);

    public DeferredWakeups(Duration longest) {
        this.longestNanos = longest.toNanos();
        for (Lane lane : Lane.values()) {
            held.put(lane, new ArrayDeque<>());
        }
    }

    public synchronized void hold(List<Wakeup> wakeups, long nowNanos) {
        wakeups.forEach(wakeup -> held.get(wakeup.lane()).add(new Held(wakeup, nowNanos)));
    }

    /** Up to {@code most} held wake-ups, the higher lanes first, oldest first within a lane. */
    public synchronized List<Wakeup> take(int most) {
        return takeWhile(most, oldest -> true);
    }

    /** Up to {@code most} of the wake-ups held for their longest already, in the same order. */
    public synchronized List<Wakeup> takeOverdue(int most, long nowNanos) {
        return takeWhile(most, oldest -> nowNanos - oldest.at() >= longestNanos);
    }

    public synchronized int size() {
        return held.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    public synchronized boolean isEmpty() {
        return held.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    private List<Wakeup> takeWhile(int most, Predicate<Held> due) {
        List<Wakeup> taken = new ArrayList<>();
        for (ArrayDeque<Held> lane : held.values()) {
            while (taken.size() < most && !lane.isEmpty() && due.test(lane.peek())) {
                taken.add(lane.poll().wakeup());
            }
        }
        return taken;
    }

    private record Held(Wakeup wakeup, long at) {
    }
}
