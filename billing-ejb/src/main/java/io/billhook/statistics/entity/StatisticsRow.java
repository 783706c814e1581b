package io.billhook.statistics.entity;

/**
 * One combination of the statistics rollup: events of a provider and type in a status, within one
 * processing-time bucket: above {@code millisAbove} ms up to {@code millisLe} ms ({@code millisLe} -1: no
 * processing time; {@code Integer.MAX_VALUE}: beyond the last bound).
 * Duplicates and rejections are deliveries, not events: their rows have an empty status.
 */
public record StatisticsRow(String provider, String eventType, String status, int millisLe, int millisAbove,
                            long events, long retries,
                            long duplicates, long rejections) {

    public static final int NO_TIME = -1;
}
