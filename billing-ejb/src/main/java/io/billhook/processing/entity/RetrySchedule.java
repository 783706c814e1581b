package io.billhook.processing.entity;

import io.billhook.handling.entity.PermanentFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: after the n-th failed attempt the next one waits {@code baseDelay · 2^(n-1)}
 * (30 s, 60 s, 120 s by default) plus up to {@code jitter} of that again, until {@code maxRetries} retries are
 * used up. The jitter spreads the retries of events that failed in one outage, so they do not all come back at
 * one instant. A permanent failure is never retried.
 */
public record RetrySchedule(int maxRetries, Duration baseDelay, double jitter) {

    public RetrySchedule {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("the retry jitter is a share of the delay between 0 and 1, not " + jitter);
        }
    }

    /** Without jitter. */
    public RetrySchedule(int maxRetries, Duration baseDelay) {
        this(maxRetries, baseDelay, 0);
    }

    public Optional<Duration> delayAfter(int failedAttempts, Throwable error) {
        if (PermanentFailure.isPermanent(error) || failedAttempts > maxRetries) {
            return Optional.empty();
        }
        Duration delay = baseDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        long spread = (long) (delay.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return Optional.of(delay.plusMillis(spread));
    }
}
