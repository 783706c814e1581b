package io.billhook.admin.boundary;

import io.billhook.inbox.entity.WebhookStatus;
import io.billhook.statistics.entity.Tally;
import io.billhook.statistics.entity.WebhookStatistics;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The statistics as JSON: the overall figures at the top level, the same figures per provider and per event type. */
@JsonbPropertyOrder({"since", "total", "received", "processed", "failed", "retrying", "ignored", "quarantined", "rejected", "duplicatesPrevented", "backfilled", "successRate", "averageRetryCount", "processingMillisP50",
        "processingMillisP95", "byStatus", "byProvider", "byType"})
public record StatisticsView(Instant since, long total, long received, long processed, long failed, long retrying,
                             long ignored, long quarantined, long rejected, long duplicatesPrevented, long backfilled,
                             double successRate,
                             double averageRetryCount, Double processingMillisP50, Double processingMillisP95,
                             Map<String, Long> byStatus, Map<String, Figures> byProvider, Map<String, Figures> byType) {

    public static StatisticsView of(WebhookStatistics statistics) {
        Figures all = Figures.of(statistics.overall());
        return new StatisticsView(statistics.since(), all.total(), all.received(), all.processed(), all.failed(),
                all.retrying(), all.ignored(), all.quarantined(), all.rejected(), all.duplicatesPrevented(),
                all.backfilled(), all.successRate(), all.averageRetryCount(), all.processingMillisP50(), all.processingMillisP95(),
                all.byStatus(), figures(statistics.byProvider()), figures(statistics.byType()));
    }

    private static Map<String, Figures> figures(Map<String, Tally> tallies) {
        Map<String, Figures> figures = new LinkedHashMap<>();
        tallies.forEach((key, tally) -> figures.put(key, Figures.of(tally)));
        return figures;
    }

    @JsonbPropertyOrder({"total", "received", "processed", "failed", "retrying", "ignored", "quarantined", "rejected",
            "duplicatesPrevented", "backfilled", "successRate", "averageRetryCount", "processingMillisP50",
            "processingMillisP95", "byStatus"})
    public record Figures(long total, long received, long processed, long failed, long retrying, long ignored,
                          long quarantined, long rejected, long duplicatesPrevented, long backfilled, double successRate,
                          double averageRetryCount, Double processingMillisP50, Double processingMillisP95,
                          Map<String, Long> byStatus) {

        static Figures of(Tally tally) {
            return new Figures(tally.total(), tally.count(WebhookStatus.RECEIVED), tally.count(WebhookStatus.PROCESSED),
                    tally.count(WebhookStatus.FAILED), tally.count(WebhookStatus.RETRYING),
                    tally.count(WebhookStatus.IGNORED), tally.count(WebhookStatus.QUARANTINED), tally.rejected(),
                    tally.duplicatesPrevented(), tally.backfilled(), round(tally.successRate()), round(tally.averageRetryCount()),
                    tally.processingMillis(0.50), tally.processingMillis(0.95), tally.byStatus());
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }
}
