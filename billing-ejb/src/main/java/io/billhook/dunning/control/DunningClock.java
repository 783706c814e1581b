package io.billhook.dunning.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The time dunning steps are due by: the system's, unless a test sets another ({@link #set}). */
@ApplicationScoped
public class DunningClock {

    private volatile Clock clock = Clock.systemUTC();

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** For tests that run a schedule of days in moments. */
    public void set(Clock clock) {
        this.clock = clock;
    }
}
