package io.billhook.operations.boundary;

import io.billhook.GaugeReading;
import io.billhook.Jndi;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * What waits to be processed, read from the database (the truth) when metrics are scraped. The names are absolute, so
 * that dashboards do not depend on the package this class lives in.
 */
@ApplicationScoped
public class WebhookGauges {

    private static final String WAITING = """
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(received_at)), 0)
              FROM webhook_event WHERE status IN ('RECEIVED', 'RETRYING')""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** Gauges are registered when their bean is created: create it with the application. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is all it takes
    }

    /** One scrape reads both gauges: they share one query. */
    private final GaugeReading<Waiting> waiting = new GaugeReading<>(WAITING,
            row -> new Waiting(row.getLong(1), (long) row.getDouble(2)), new Waiting(-1, -1));

    @Gauge(name = "webhooks.backlog", absolute = true, unit = MetricUnits.NONE,
            description = "stored events not yet processed (received or waiting for a retry)")
    public long backlog() {
        return waiting().count;
    }

    @Gauge(name = "webhooks.oldest.waiting.age", absolute = true, unit = MetricUnits.SECONDS,
            description = "age of the oldest stored event not yet processed")
    public long oldestWaitingAge() {
        return waiting().oldestAgeSeconds;
    }

    private Waiting waiting() {
        return waiting.get(dataSource);
    }

    private record Waiting(long count, long oldestAgeSeconds) {
    }
}
