package io.billhook.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatisticsRollupTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:20:00Z");

    private static OffsetDateTime cutoff(String since) {
        return StatisticsRollup.firstWholeBucketFrom(OffsetDateTime.parse(since), NOW);
    }

    @Test
    void aRecentInstantIsCountedExactlyUpToTheNextHour() {
        assertEquals(OffsetDateTime.parse("2026-11-27T10:00:00Z"), cutoff("2026-11-27T09:00:01Z"));
        assertEquals(OffsetDateTime.parse("2026-11-27T09:00:00Z"), cutoff("2026-11-27T09:00:00Z"));
        assertEquals(OffsetDateTime.parse("2026-11-26T11:00:00Z"), cutoff("2026-11-26T10:30:00Z"));
    }

    @Test
    void anInstantWhereBucketsMayBeDaysIsCountedUpToTheNextDay() {
        assertEquals(OffsetDateTime.parse("2026-11-27T00:00:00Z"), cutoff("2026-11-26T10:10:00Z"));
        assertEquals(OffsetDateTime.parse("2026-11-21T00:00:00Z"), cutoff("2026-11-20T10:30:00Z"));
        assertEquals(OffsetDateTime.parse("2026-11-10T00:00:00Z"), cutoff("2026-11-10T00:00:00Z"));
    }

    @Test
    void offsetsAreReadAsTheInstantTheyName() {
        assertEquals(OffsetDateTime.of(2026, 11, 27, 9, 0, 0, 0, ZoneOffset.UTC), cutoff("2026-11-27T09:30:00+01:00"));
    }
}
