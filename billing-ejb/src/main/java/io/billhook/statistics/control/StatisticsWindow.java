package io.billhook.statistics.control;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Which buckets a statistics query reads for a {@code since}: the day buckets from {@code days}, the hour buckets
 * in [{@code hoursFrom}, {@code hoursTo}) added or taken away ({@code hoursSign}), the raw rows in
 * [{@code rawFrom}, {@code rawTo}) likewise ({@code rawSign}), and the changes not folded yet from
 * {@code changesFrom}. The instant is moved to the nearer edge of its hour by raw rows, and that edge to the
 * nearer edge of its day by hour buckets, so no query reads more than thirty minutes of raw rows or twelve hours.
 */
record StatisticsWindow(OffsetDateTime days, OffsetDateTime hoursFrom, OffsetDateTime hoursTo, int hoursSign,
                        OffsetDateTime rawFrom, OffsetDateTime rawTo, int rawSign, OffsetDateTime changesFrom) {

    static StatisticsWindow from(OffsetDateTime since) {
        OffsetDateTime from = since.withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime hour = nearerEdge(from, ChronoUnit.HOURS);
        OffsetDateTime day = nearerEdge(hour, ChronoUnit.DAYS);
        return new StatisticsWindow(day, earlier(day, hour), later(day, hour), day.isAfter(hour) ? 1 : -1,
                earlier(from, hour), later(from, hour), hour.isAfter(from) ? 1 : -1, hour);
    }

    /** The start of the hour or day {@code instant} is in, or of the next one, whichever is nearer. */
    private static OffsetDateTime nearerEdge(OffsetDateTime instant, ChronoUnit unit) {
        OffsetDateTime start = instant.truncatedTo(unit);
        OffsetDateTime next = start.isBefore(instant) ? start.plus(1, unit) : start;
        return Duration.between(start, instant).compareTo(Duration.between(instant, next)) < 0 ? start : next;
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
