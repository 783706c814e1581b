package io.billhook.inbox.control;

/**
 * Whether the inbox is under a burst: at least {@code busyAt} deliveries stored in the current second or in the one
 * before. A rate, not a queue length, because under a burst the deliveries do not wait at the inbox: they wait for
 * the cores, which processing shares with them, at every step of their way.
 */
public final class IngestPressure {

    private static final long SECOND = 1_000_000_000L;

    private final int busyAt;
    private long second;
    private int thisSecond;
    private int secondBefore;

    /** @param busyAt deliveries a second from which the inbox counts as busy; 0 or less never does */
    public IngestPressure(int busyAt) {
        this.busyAt = busyAt;
    }

    public synchronized void stored(int deliveries, long nowNanos) {
        roll(nowNanos);
        thisSecond += deliveries;
    }

    public synchronized boolean busy(long nowNanos) {
        roll(nowNanos);
        return busyAt > 0 && (thisSecond >= busyAt || secondBefore >= busyAt);
    }

    private void roll(long nowNanos) {
        long now = Math.floorDiv(nowNanos, SECOND);
        if (now == second) {
            return;
        }
        secondBefore = now == second + 1 ? thisSecond : 0;
        thisSecond = 0;
        second = now;
    }
}
