package io.billhook.inbox.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the inbox is under a burst: the mean number of verified deliveries waiting for their commit, sampled by
 * the writers at each batch and at each idle tenth of a second. A lone delivery hardly ever finds another waiting;
 * a burst keeps many waiting, all the more when processing takes the cores they need. Counting only verified
 * deliveries, forged and slow requests cannot make it busy. A lost update between writers only shifts the mean
 * a little.
 */
public final class IngestPressure {

    private static final double WEIGHT = 0.2;

    private final double busyAt;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile double meanWaiting;

    /** @param busyAt the mean number waiting from which the inbox counts as busy; 0 or less never does */
    public IngestPressure(double busyAt) {
        this.busyAt = busyAt;
    }

    public void arrived() {
        waiting.incrementAndGet();
    }

    public void answered() {
        waiting.decrementAndGet();
    }

    public int waiting() {
        return waiting.get();
    }

    public void sample() {
        meanWaiting += WEIGHT * (waiting.get() - meanWaiting);
    }

    public boolean busy() {
        return busyAt > 0 && meanWaiting >= busyAt;
    }
}
