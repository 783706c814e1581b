package io.billhook.security.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong passwords, counted per remote address and user name: after {@code attempts} within {@code lockout} that
 * pair is refused, right password or not, until {@code lockout} has passed since its last failure. Guessing a
 * password over the API then takes years, and one address cannot lock out a user for anyone else. The memory
 * is bounded: pairs whose failures have expired are forgotten first.
 */
public final class LoginThrottle {

    static final int REMEMBERED_AT_MOST = 10_000;

    private final int attempts;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int attempts, Duration lockout, Clock clock) {
        this.attempts = attempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Whether this pair may try now. */
    public boolean allows(String remoteAddress, String user) {
        Failures seen = failures.get(key(remoteAddress, user));
        return seen == null || seen.count < attempts || expired(seen, clock.instant());
    }

    /** @return whether this failure locked the pair */
    public boolean failed(String remoteAddress, String user) {
        Instant now = clock.instant();
        if (failures.size() >= REMEMBERED_AT_MOST) {
            failures.values().removeIf(seen -> expired(seen, now));
        }
        Failures seen = failures.compute(key(remoteAddress, user),
                (k, before) -> before == null || expired(before, now) ? new Failures(1, now) : new Failures(before.count + 1, now));
        return seen.count == attempts;
    }

    public void succeeded(String remoteAddress, String user) {
        failures.remove(key(remoteAddress, user));
    }

    int remembered() {
        return failures.size();
    }

    private boolean expired(Failures seen, Instant now) {
        return !now.isBefore(seen.last.plus(lockout));
    }

    private static String key(String remoteAddress, String user) {
        return remoteAddress + "\n" + user;
    }

    private record Failures(int count, Instant last) {
    }
}
