package io.billhook.statistics.entity;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The statistics over all events received since an instant (or ever): overall, per provider and per event type. */
public final class WebhookStatistics {

    private final Instant since;
    private final Tally overall = new Tally();
    private final Map<String, Tally> byProvider = new TreeMap<>();
    private final Map<String, Tally> byType = new TreeMap<>();

    private WebhookStatistics(Instant since) {
        this.since = since;
    }

    public static WebhookStatistics of(Instant since, List<StatisticsRow> rows) {
        WebhookStatistics statistics = new WebhookStatistics(since);
        rows.forEach(statistics::add);
        return statistics;
    }

    private void add(StatisticsRow row) {
        overall.add(row);
        byProvider.computeIfAbsent(row.provider(), provider -> new Tally()).add(row);
        if (!row.eventType().isEmpty()) {
            byType.computeIfAbsent(row.eventType(), type -> new Tally()).add(row);
        }
    }

    /** Counts the events of one provider and type that a backfill or a reconciliation stored. */
    public void addBackfilled(String provider, String eventType, long events) {
        overall.addBackfilled(events);
        byProvider.computeIfAbsent(provider, key -> new Tally()).addBackfilled(events);
        byType.computeIfAbsent(eventType, key -> new Tally()).addBackfilled(events);
    }

    /** Null: all time. */
    public Instant since() {
        return since;
    }

    public Tally overall() {
        return overall;
    }

    public Map<String, Tally> byProvider() {
        return Collections.unmodifiableMap(byProvider);
    }

    public Map<String, Tally> byType() {
        return Collections.unmodifiableMap(byType);
    }
}
