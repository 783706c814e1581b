package io.billhook.inbox.control;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many lines one kind of refusal may write a minute: the first few, then one line saying how many more there
 * were. A forged flood then costs a handful of log lines, not one a request.
 */
public final class LogBudget {

    /** A line that may be written now; {@code suppressedBefore} of the same kind were not in the minute before. */
    public record Line(boolean write, long suppressedBefore) {
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LogBudget(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public Line take(String kind) {
        long minute = clock.millis() / 60_000;
        long[] suppressed = {0};
        Window window = windows.compute(kind, (k, current) -> {
            if (current == null || current.minute != minute) {
                suppressed[0] = current == null ? 0 : Math.max(0, current.count.get() - perMinute);
                return new Window(minute);
            }
            return current;
        });
        boolean write = window.count.incrementAndGet() <= perMinute;
        return new Line(write, suppressed[0]);
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
