package io.billhook.rejections.control;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times one kind of thing may happen a minute: the first few are granted, the rest are only counted,
 * and the first grant of the next minute says how many were not. A forged flood then costs a handful of log
 * lines and sampled rows, not one a request. The kinds are few (provider and reason), so the map stays small.
 */
public final class MinuteBudget {

    /** Whether this one is granted; {@code refusedBefore} of the same kind were not, in the minute before. */
    public record Grant(boolean granted, long refusedBefore) {
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public MinuteBudget(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public Grant take(String kind) {
        long minute = clock.millis() / 60_000;
        long[] refused = {0};
        Window window = windows.compute(kind, (k, current) -> {
            if (current == null || current.minute != minute) {
                refused[0] = current == null ? 0 : Math.max(0, current.count.get() - perMinute);
                return new Window(minute);
            }
            return current;
        });
        boolean granted = window.count.incrementAndGet() <= perMinute;
        return new Grant(granted, refused[0]);
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
