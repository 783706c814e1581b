package io.billhook.health.boundary;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a readiness check is DOWN, for the operator's log rather than the public health answer; probes ask every
 * few seconds, so one line per check and minute.
 */
final class UnreadyLog {

    private static final System.Logger LOG = System.getLogger(UnreadyLog.class.getName());
    private static final long EVERY_MILLIS = 60_000;
    private static final Map<String, Long> LAST = new ConcurrentHashMap<>();

    private UnreadyLog() {
    }

    static void once(String check, String reason) {
        long now = System.currentTimeMillis();
        Long before = LAST.get(check);
        if (before == null || now - before >= EVERY_MILLIS) {
            LAST.put(check, now);
            LOG.log(Level.WARNING, "Not ready: the {0} cannot be reached: {1}", check, reason);
        }
    }
}
