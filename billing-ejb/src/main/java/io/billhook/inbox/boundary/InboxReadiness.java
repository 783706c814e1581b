package io.billhook.inbox.boundary;

import io.billhook.inbox.control.InboxWriters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the inbox is open but no writer runs: every delivery would be answered 503. Looks at the writers
 * without creating the inbox (a probe's thread must not start them).
 */
@Readiness
@ApplicationScoped
public class InboxReadiness implements HealthCheck {

    @Inject
    InboxWriters writers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("inbox").status(!writers.stalled()).build();
    }
}
