package io.billhook.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);

    @Test
    void aPairIsRefusedAfterItsAttemptsUntilTheLockoutHasPassed() {
        assertFalse(throttle.failed("10.0.0.1", "admin"));
        assertFalse(throttle.failed("10.0.0.1", "admin"));
        assertTrue(throttle.allows("10.0.0.1", "admin"));
        assertTrue(throttle.failed("10.0.0.1", "admin"), "the third failure locks");
        assertFalse(throttle.allows("10.0.0.1", "admin"));
        assertTrue(throttle.allows("10.0.0.2", "admin"), "another address is not locked out");
        assertTrue(throttle.allows("10.0.0.1", "viewer"), "nor another user");
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertTrue(throttle.allows("10.0.0.1", "admin"), "free again after the lockout");
    }

    @Test
    void aSuccessForgetsTheFailures() {
        throttle.failed("10.0.0.1", "admin");
        throttle.failed("10.0.0.1", "admin");
        throttle.succeeded("10.0.0.1", "admin");
        assertFalse(throttle.failed("10.0.0.1", "admin"), "counting starts again");
    }

    @Test
    void theMemoryIsBounded() {
        for (int i = 0; i < 2 * LoginThrottle.REMEMBERED_AT_MOST; i++) {
            throttle.failed("10.0." + (i / 250) + "." + (i % 250), "admin");
            if (i == LoginThrottle.REMEMBERED_AT_MOST) {
                now.set(now.get().plus(Duration.ofMinutes(6)));
            }
        }
        assertTrue(throttle.remembered() <= LoginThrottle.REMEMBERED_AT_MOST + 1, "remembered " + throttle.remembered());
    }
}
