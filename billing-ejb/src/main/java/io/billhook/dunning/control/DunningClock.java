package io.billhook.dunning.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The time dunning steps are due by, in one place: a deployment or a test that needs another clock replaces this
 * bean (a CDI alternative). The system tests run a policy in seconds instead.
 */
@ApplicationScoped
public class DunningClock {

    private final Clock clock = Clock.systemUTC();

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
