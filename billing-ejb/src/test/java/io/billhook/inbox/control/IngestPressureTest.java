package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IngestPressureTest {

    private static final long MILLI = 1_000_000L;
    private static final long START = -7_300 * MILLI; // nanoTime may be negative

    @Test
    void fewerDeliveriesASecondThanTheThresholdAreNoBurst() {
        IngestPressure pressure = new IngestPressure(200);
        for (int ms = 0; ms < 10_000; ms += 10) {
            pressure.stored(1, START + ms * MILLI);
        }
        assertFalse(pressure.busy(START + 10_000 * MILLI));
    }

    @Test
    void aBurstIsBusyFromItsThresholdUntilAFifthOfASecondWithoutIt() {
        IngestPressure pressure = new IngestPressure(200);
        long burst = START + 330 * MILLI;
        for (int ms = 0; ms < 3_000; ms++) {
            pressure.stored(1, burst + ms * MILLI);
        }
        assertTrue(pressure.busy(burst + 3_000 * MILLI), "1,000 deliveries a second");
        assertFalse(pressure.busy(burst + 3_200 * MILLI), "a fifth of a second after the burst");
    }

    @Test
    void batchesAsLargeAsTheRateAreABurst() {
        IngestPressure pressure = new IngestPressure(200);
        for (int ms = 0; ms < 1_000; ms += 90) {
            pressure.stored(20, START + ms * MILLI);
            assertTrue(pressure.busy(START + ms * MILLI + 50 * MILLI), "20 every 90 ms at " + ms + " ms");
        }
    }

    @Test
    void theBurstIsSeenWithinItsFirstSecond() {
        IngestPressure pressure = new IngestPressure(200);
        assertFalse(pressure.busy(START));
        pressure.stored(128, START + 100 * MILLI);
        pressure.stored(128, START + 150 * MILLI);
        assertTrue(pressure.busy(START + 160 * MILLI));
    }

    @Test
    void zeroNeverCountsAsBusy() {
        IngestPressure pressure = new IngestPressure(0);
        pressure.stored(100_000, START);
        assertFalse(pressure.busy(START));
    }
}
