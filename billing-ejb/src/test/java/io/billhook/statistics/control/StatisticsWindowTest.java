package io.billhook.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class StatisticsWindowTest {

    private static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    @Test
    void anInstantLateInItsHourAndDayAddsTheRestOfItsHourAndTheHoursAfter() {
        assertEquals(new StatisticsWindow(at("2026-11-27T00:00Z"), at("2026-11-26T15:00Z"), at("2026-11-27T00:00Z"), 1,
                        at("2026-11-26T14:40Z"), at("2026-11-26T15:00Z"), 1, at("2026-11-26T15:00Z")),
                StatisticsWindow.from(at("2026-11-26T14:40Z")));
    }

    @Test
    void anInstantEarlyInItsHourAndDayTakesWhatCameBeforeItFromItsWholeDay() {
        assertEquals(new StatisticsWindow(at("2026-11-26T00:00Z"), at("2026-11-26T00:00Z"), at("2026-11-26T03:00Z"), -1,
                        at("2026-11-26T03:00Z"), at("2026-11-26T03:20Z"), -1, at("2026-11-26T03:00Z")),
                StatisticsWindow.from(at("2026-11-26T03:20Z")));
    }

    @Test
    void theTwoEdgesAreChosenEachOnItsOwn() {
        StatisticsWindow lateInAnEarlyHour = StatisticsWindow.from(at("2026-11-26T03:50Z"));
        assertEquals(at("2026-11-26T04:00Z"), lateInAnEarlyHour.changesFrom());
        assertEquals(1, lateInAnEarlyHour.rawSign());
        assertEquals(-1, lateInAnEarlyHour.hoursSign());
        assertEquals(at("2026-11-26T00:00Z"), lateInAnEarlyHour.days());
        StatisticsWindow earlyInALateHour = StatisticsWindow.from(at("2026-11-26T20:05Z"));
        assertEquals(-1, earlyInALateHour.rawSign());
        assertEquals(1, earlyInALateHour.hoursSign());
        assertEquals(at("2026-11-27T00:00Z"), earlyInALateHour.days());
    }

    @Test
    void aWholeDayReadsOnlyDaysAndTheChangesNotFolded() {
        assertEquals(new StatisticsWindow(at("2026-11-26T00:00Z"), at("2026-11-26T00:00Z"), at("2026-11-26T00:00Z"), -1,
                        at("2026-11-26T00:00Z"), at("2026-11-26T00:00Z"), -1, at("2026-11-26T00:00Z")),
                StatisticsWindow.from(at("2026-11-26T00:00Z")));
    }

    @Test
    void offsetsAreReadAsTheInstantTheyName() {
        assertEquals(StatisticsWindow.from(at("2026-11-26T14:10Z")), StatisticsWindow.from(at("2026-11-26T15:10+01:00")));
    }
}
