package io.billhook.inbox.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while no inbox writer runs: every delivery would be answered 503. */
@Readiness
@ApplicationScoped
public class InboxReadiness implements HealthCheck {

    @Inject
    Inbox inbox;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("inbox").status(inbox.writing()).build();
    }
}
