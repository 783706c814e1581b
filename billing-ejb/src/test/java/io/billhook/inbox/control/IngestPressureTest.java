package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IngestPressureTest {

    @Test
    void oneDeliveryAtATimeIsNoBurst() {
        IngestPressure pressure = new IngestPressure(4);
        for (int i = 0; i < 1_000; i++) {
            pressure.arrived();
            pressure.sample();
            pressure.answered();
            pressure.sample();
        }
        assertFalse(pressure.busy());
    }

    @Test
    void manyWaitingAreABurstThatEndsWithinAFewSamplesOnceTheyAreAnswered() {
        IngestPressure pressure = new IngestPressure(4);
        arrive(pressure, 16);
        for (int i = 0; i < 3; i++) {
            pressure.sample();
        }
        assertTrue(pressure.busy(), "16 waiting at three samples");
        for (int i = 0; i < 16; i++) {
            pressure.answered();
        }
        assertEquals(0, pressure.waiting());
        for (int i = 0; i < 5; i++) {
            pressure.sample();
        }
        assertFalse(pressure.busy(), "five samples after the last answer");
    }

    @Test
    void zeroNeverCountsAsBusy() {
        IngestPressure pressure = new IngestPressure(0);
        arrive(pressure, 100);
        for (int i = 0; i < 20; i++) {
            pressure.sample();
        }
        assertFalse(pressure.busy());
    }

    private static void arrive(IngestPressure pressure, int deliveries) {
        for (int i = 0; i < deliveries; i++) {
            pressure.arrived();
        }
    }
}
