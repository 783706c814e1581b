package io.billhook.statistics.entity;

import io.billhook.inbox.entity.WebhookStatus;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one slice of the statistics (everything, one provider, one event type): counts by
 * status, deliveries refused or repeated, retries, and a processing-time histogram for percentiles.
 */
public class Tally {

    private final Map<String, Long> byStatus = new TreeMap<>();
    /** Processing-time buckets by upper bound: lower bound and count. */
    private final TreeMap<Integer, long[]> millisHistogram = new TreeMap<>();
    private long retries;
    private long duplicates;
    private long rejections;
    private long backfilled;

    public void add(StatisticsRow row) {
        if (!row.status().isEmpty()) {
            byStatus.merge(row.status(), row.events(), Long::sum);
        }
        if (row.millisLe() != StatisticsRow.NO_TIME && isFinishedWithEffectOrNone(row.status())) {
            millisHistogram.computeIfAbsent(row.millisLe(), le -> new long[] {row.millisAbove(), 0})[1] += row.events();
        }
        retries += row.retries();
        duplicates += row.duplicates();
        rejections += row.rejections();
    }

    /** Events of this slice that a backfill or a reconciliation stored, not a webhook. */
    public void addBackfilled(long events) {
        backfilled += events;
    }

    public long backfilled() {
        return backfilled;
    }

    private static boolean isFinishedWithEffectOrNone(String status) {
        return WebhookStatus.PROCESSED.name().equals(status) || WebhookStatus.IGNORED.name().equals(status);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(WebhookStatus status) {
        return byStatus.getOrDefault(status.name(), 0L);
    }

    public Map<String, Long> byStatus() {
        return Map.copyOf(byStatus);
    }

    public long duplicatesPrevented() {
        return duplicates;
    }

    public long rejected() {
        return rejections;
    }

    /** Of the events that are finished, the share that succeeded (processed or ignored); 1 when none finished. */
    public double successRate() {
        long succeeded = count(WebhookStatus.PROCESSED) + count(WebhookStatus.IGNORED);
        long finished = succeeded + count(WebhookStatus.FAILED);
        return finished == 0 ? 1.0 : (double) succeeded / finished;
    }

    /** Retries (attempts after the first) per event. */
    public double averageRetryCount() {
        long total = total();
        return total == 0 ? 0.0 : (double) retries / total;
    }

    /**
     * The processing time (ms) below which {@code quantile} of the processed and ignored events fall,
     * read from the histogram: linear within the bucket that holds it, so it is off by at most that
     * bucket's width (about a quarter). Null when nothing was processed.
     */
    public Double processingMillis(double quantile) {
        long counted = millisHistogram.values().stream().mapToLong(bucket -> bucket[1]).sum();
        if (counted == 0) {
            return null;
        }
        double rank = quantile * counted;
        long below = 0;
        long lastLower = 0;
        for (Map.Entry<Integer, long[]> bucket : millisHistogram.entrySet()) {
            long lower = bucket.getValue()[0];
            long inBucket = bucket.getValue()[1];
            lastLower = lower;
            if (inBucket > 0 && below + inBucket >= rank) {
                if (bucket.getKey() == Integer.MAX_VALUE) {
                    return (double) lower;
                }
                double within = (rank - below) / inBucket;
                return Math.round((lower + within * (bucket.getKey() - lower)) * 10) / 10.0;
            }
            below += inBucket;
        }
        return (double) lastLower;
    }
}
