package io.billhook.inbox.control;

/**
 * Whether the inbox is under a burst: deliveries stored at {@code busyAt} a second or more, counted by tenths of a
 * second, in the current tenth or the one before. A rate, not a queue length, because under a burst the deliveries
 * do not wait at the inbox: they wait for the cores, which processing shares with them, at every step of their way.
 * Tenths, so that a burst is over a fifth of a second after its last delivery: the wake-ups held meanwhile include
 * those of higher lanes, which must not wait longer than that behind lower-lane events woken before the burst.
 */
public final class IngestPressure {

    private static final long TENTH = 100_000_000L;

    private final int busyAtPerTenth;
    private long tenth;
    private int thisTenth;
    private int tenthBefore;

    /** @param busyAt deliveries a second from which the inbox counts as busy; 0 or less never does */
    public IngestPressure(int busyAt) {
        this.busyAtPerTenth = busyAt <= 0 ? 0 : (busyAt + 9) / 10;
    }

    public synchronized void stored(int deliveries, long nowNanos) {
        roll(nowNanos);
        thisTenth += deliveries;
    }

    public synchronized boolean busy(long nowNanos) {
        roll(nowNanos);
        return busyAtPerTenth > 0 && (thisTenth >= busyAtPerTenth || tenthBefore >= busyAtPerTenth);
    }

    private void roll(long nowNanos) {
        long now = Math.floorDiv(nowNanos, TENTH);
        if (now == tenth) {
            return;
        }
        tenthBefore = now == tenth + 1 ? thisTenth : 0;
        thisTenth = 0;
        tenth = now;
    }
}
