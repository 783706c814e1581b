package io.billhook.statistics.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.billhook.inbox.entity.WebhookStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    /** The lower bounds of the buckets used here, as the database names them. */
    private static final java.util.Map<Integer, Integer> ABOVE = java.util.Map.of(5, 4, 10, 8, 20, 15, 100, 80,
            5000, 4000, 300000, 200000, Integer.MAX_VALUE, 300000);

    private static StatisticsRow events(String status, int millisLe, long events, long retries) {
        return new StatisticsRow("stripe", "invoice.paid", status, millisLe, ABOVE.getOrDefault(millisLe, 0), events,
                retries, 0, 0);
    }

    @Test
    void countsRatesAndAverages() {
        Tally tally = new Tally();
        List.of(events("PROCESSED", 10, 6, 1), events("IGNORED", 5, 2, 0), events("FAILED", StatisticsRow.NO_TIME, 2, 6),
                        events("RETRYING", StatisticsRow.NO_TIME, 1, 1), events("RECEIVED", StatisticsRow.NO_TIME, 1, 0),
                        new StatisticsRow("stripe", "invoice.paid", "", StatisticsRow.NO_TIME, 0, 0, 0, 3, 0),
                        new StatisticsRow("stripe", "", "", StatisticsRow.NO_TIME, 0, 0, 0, 0, 4))
                .forEach(tally::add);
        assertEquals(12, tally.total());
        assertEquals(6, tally.count(WebhookStatus.PROCESSED));
        assertEquals(1, tally.count(WebhookStatus.RECEIVED));
        assertEquals(3, tally.duplicatesPrevented());
        assertEquals(4, tally.rejected());
        assertEquals(0.8, tally.successRate(), 1e-9);
        assertEquals(8.0 / 12, tally.averageRetryCount(), 1e-9);
    }

    @Test
    void nothingFinishedIsNoFailure() {
        Tally tally = new Tally();
        tally.add(events("RECEIVED", StatisticsRow.NO_TIME, 3, 0));
        assertEquals(1.0, tally.successRate());
        assertNull(tally.processingMillis(0.5));
    }

    @Test
    void percentilesInterpolateWithinTheirBucket() {
        Tally tally = new Tally();
        tally.add(events("PROCESSED", 10, 50, 0));   // (8, 10]
        tally.add(events("PROCESSED", 20, 40, 0));   // (15, 20]
        tally.add(events("IGNORED", 100, 10, 0));    // (80, 100]
        tally.add(events("FAILED", 5000, 99, 0));    // failures are not processing times
        assertEquals(10.0, tally.processingMillis(0.50));   // the 50th of 50 in (8, 10]
        assertEquals(17.5, tally.processingMillis(0.70));
        assertEquals(90.0, tally.processingMillis(0.95));
    }

    @Test
    void theOverflowBucketReportsItsLowerBound() {
        Tally tally = new Tally();
        tally.add(events("PROCESSED", 300000, 1, 0));
        tally.add(events("PROCESSED", Integer.MAX_VALUE, 9, 0));
        assertEquals(300000.0, tally.processingMillis(0.95));
    }
}
