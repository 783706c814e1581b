package io.billhook.operations.boundary;

import io.billhook.GaugeReading;
import io.billhook.Jndi;
import io.billhook.handling.entity.Lane;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The events that are not done, read from the database (the truth) when metrics are scraped, in one query a scrape:
 * {@code billhook_events{status}} for those waiting, retrying, quarantined and failed, and
 * {@code billhook_oldest_waiting_age_seconds{lane}}, how long the oldest event of a lane has waited for processing.
 * NaN while the database cannot be read.
 */
@ApplicationScoped
public class WebhookGauges {

    private static final String NOT_DONE = """
            SELECT count(*) FILTER (WHERE status = 'RECEIVED'), count(*) FILTER (WHERE status = 'RETRYING'),
                   count(*) FILTER (WHERE status = 'QUARANTINED'), count(*) FILTER (WHERE status = 'FAILED'),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(enqueued_at) FILTER (WHERE status = 'RECEIVED' AND lane = 'HIGH')), 0),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(enqueued_at) FILTER (WHERE status = 'RECEIVED' AND lane = 'MEDIUM')), 0),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(enqueued_at) FILTER (WHERE status = 'RECEIVED' AND lane = 'LOW')), 0)
              FROM webhook_event WHERE status IN ('RECEIVED', 'RETRYING', 'QUARANTINED', 'FAILED')""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    MetricRegistry metrics;

    private final GaugeReading<NotDone> notDone = new GaugeReading<>(NOT_DONE,
            row -> new NotDone(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                    new double[] {row.getDouble(5), row.getDouble(6), row.getDouble(7)}),
            new NotDone(Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[] {Double.NaN, Double.NaN, Double.NaN}));

    /** Registered with the application. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Metadata events = Metadata.builder().withName("billhook.events").withUnit(MetricUnits.NONE)
                .withDescription("stored events not done, by status: received (waiting for processing), retrying"
                        + " (waiting for a retry), quarantined (waiting for a link to a company), failed").build();
        metrics.gauge(events, () -> notDone().received(), new Tag("status", "received"));
        metrics.gauge(events, () -> notDone().retrying(), new Tag("status", "retrying"));
        metrics.gauge(events, () -> notDone().quarantined(), new Tag("status", "quarantined"));
        metrics.gauge(events, () -> notDone().failed(), new Tag("status", "failed"));
        Metadata age = Metadata.builder().withName("billhook.oldest.waiting.age").withUnit(MetricUnits.SECONDS)
                .withDescription("how long the oldest event of a lane has waited for processing (0: none waits)").build();
        for (Lane lane : Lane.values()) {
            metrics.gauge(age, () -> notDone().oldestAgeSeconds()[lane.ordinal()],
                    new Tag("lane", lane.name().toLowerCase(Locale.ROOT)));
        }
    }

    private NotDone notDone() {
        return notDone.get(dataSource);
    }

    /** Ages by {@link Lane#ordinal()}. */
    private record NotDone(double received, double retrying, double quarantined, double failed, double[] oldestAgeSeconds) {
    }
}
