package io.billhook.processing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.PermanentFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(3, Duration.ofSeconds(30));
    private final RuntimeException transientError = new IllegalStateException("database unavailable");

    @Test
    void backsOffExponentiallyUntilTheRetriesAreUsedUp() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), schedule.delayAfter(1, transientError));
        assertEquals(Optional.of(Duration.ofSeconds(60)), schedule.delayAfter(2, transientError));
        assertEquals(Optional.of(Duration.ofSeconds(120)), schedule.delayAfter(3, transientError));
        assertEquals(Optional.empty(), schedule.delayAfter(4, transientError));
    }

    @Test
    void aPermanentFailureIsNeverRetriedEvenWhenWrapped() {
        assertEquals(Optional.empty(), schedule.delayAfter(1, new PermanentFailure("payload contradicts its type")));
        assertEquals(Optional.empty(), schedule.delayAfter(1,
                new jakarta.ejb.EJBException(new RuntimeException(new PermanentFailure("wrapped")))));
    }

    @Test
    void noRetriesConfiguredMeansFailedAfterTheFirstAttempt() {
        assertEquals(Optional.empty(), new RetrySchedule(0, Duration.ofSeconds(30)).delayAfter(1, transientError));
    }

    @Test
    void theJitterSpreadsRetriesAboveTheScheduleNeverBelow() {
        RetrySchedule jittered = new RetrySchedule(3, Duration.ofSeconds(30), 0.5);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration delay = jittered.delayAfter(2, transientError).orElseThrow();
            assertTrue(delay.compareTo(Duration.ofSeconds(60)) >= 0 && delay.compareTo(Duration.ofSeconds(90)) <= 0,
                    delay.toString());
            seen.add(delay);
        }
        assertTrue(seen.size() > 100, "the delays are spread: " + seen.size() + " different of 200");
    }

    @Test
    void aJitterOutsideZeroToOneIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(3, Duration.ofSeconds(30), 1.5));
    }
}
