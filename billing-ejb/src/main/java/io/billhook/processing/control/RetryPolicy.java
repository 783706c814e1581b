package io.billhook.processing.control;

import io.billhook.processing.entity.RetrySchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The retry schedule as configured. */
@ApplicationScoped
public class RetryPolicy {

    @Inject
    @ConfigProperty(name = "STRIPE_WEBHOOK_MAX_RETRIES", defaultValue = "3")
    int maxRetries;

    @Inject
    @ConfigProperty(name = "BILLHOOK_RETRY_BASE_DELAY", defaultValue = "30s")
    Duration baseDelay;

    /** Up to this share of a retry's delay is added at random. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_RETRY_JITTER", defaultValue = "0.1")
    double jitter;

    @Produces
    RetrySchedule schedule() {
        return new RetrySchedule(maxRetries, baseDelay, jitter);
    }
}
