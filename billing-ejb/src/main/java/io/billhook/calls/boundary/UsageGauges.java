package io.billhook.calls.boundary;

import io.billhook.GaugeReading;
import io.billhook.Jndi;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** Call usage not billed yet, and what Stripe cannot take, read from the database when metrics are scraped. */
@ApplicationScoped
public class UsageGauges {

    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE NOT unbillable), count(*) FILTER (WHERE unbillable)
              FROM call_usage WHERE reported_at IS NULL""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    /** One scrape reads both gauges: they share one query. */
    private final GaugeReading<Counts> counts = new GaugeReading<>(COUNTS,
            row -> new Counts(row.getLong(1), row.getLong(2)), new Counts(Double.NaN, Double.NaN));

    /** Gauges are registered when their bean is created: create it with the application. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is all it takes
    }

    @Gauge(name = "billhook.usage.unreported", absolute = true, unit = MetricUnits.NONE,
            description = "call usage records not reported to Stripe yet (due, or backing off after a failure)")
    public double unreported() {
        return counts().unreported;
    }

    @Gauge(name = "billhook.usage.unbillable", absolute = true, unit = MetricUnits.NONE,
            description = "call usage records Stripe cannot take (refused, or older than meter events may be)")
    public double unbillable() {
        return counts().unbillable;
    }

    private Counts counts() {
        return counts.get(dataSource);
    }

    private record Counts(double unreported, double unbillable) {
    }
}
