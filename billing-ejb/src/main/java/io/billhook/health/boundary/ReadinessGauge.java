package io.billhook.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * {@code billhook_ready}: 1 while every readiness check of the application is UP, else 0, so that Prometheus can
 * alert on readiness without asking {@code /health/ready} itself. Asked at each scrape; the checks are cheap.
 */
@ApplicationScoped
public class ReadinessGauge {

    @Inject
    @Readiness
    @Any
    Instance<HealthCheck> checks;

    @Inject
    MetricRegistry metrics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(Metadata.builder().withName("billhook.ready").withUnit(MetricUnits.NONE)
                .withDescription("1 while every readiness check (database, messaging, inbox) is UP, else 0").build(),
                this::ready);
    }

    int ready() {
        for (HealthCheck check : checks) {
            if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                return 0;
            }
        }
        return 1;
    }
}
