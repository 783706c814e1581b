package io.billhook.inbox.control;

import io.billhook.inbox.entity.Wakeup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The wake-ups of stored events held back during a burst of deliveries, so that acknowledging comes first
 * and processing catches up once the burst is over. None is held longer than {@code longest}: under a load that
 * never lets up, processing runs that far behind and keeps up, instead of waiting for ever. Only reminders are held:
 * the rows are stored, and were this server to stop, the sweep at the next start would wake them.
 */
public final class DeferredWakeups {

    private final long longestNanos;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    public DeferredWakeups(Duration longest) {
        this.longestNanos = longest.toNanos();
    }

    public synchronized void hold(List<Wakeup> wakeups, long nowNanos) {
        wakeups.forEach(wakeup -> held.add(new Held(wakeup, nowNanos)));
    }

    /** Up to {@code most} held wake-ups, oldest first. */
    public synchronized List<Wakeup> take(int most) {
        return takeWhile(most, oldest -> true);
    }

    /** Up to {@code most} of the wake-ups held for their longest already, oldest first. */
    public synchronized List<Wakeup> takeOverdue(int most, long nowNanos) {
        return takeWhile(most, oldest -> nowNanos - oldest.at() >= longestNanos);
    }

    public synchronized int size() {
        return held.size();
    }

    public synchronized boolean isEmpty() {
        return held.isEmpty();
    }

    private List<Wakeup> takeWhile(int most, Predicate<Held> due) {
        List<Wakeup> taken = new ArrayList<>();
        while (taken.size() < most && !held.isEmpty() && due.test(held.peek())) {
            taken.add(held.poll().wakeup());
        }
        return taken;
    }

    private record Held(Wakeup wakeup, long at) {
    }
}
