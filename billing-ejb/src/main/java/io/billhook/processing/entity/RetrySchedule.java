package io.billhook.processing.entity;

import io.billhook.handling.entity.PermanentFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff: after the n-th failed attempt the next one waits {@code baseDelay · 2^(n-1)}
 * (30 s, 60 s, 120 s by default), until {@code maxRetries} retries are used up. A permanent failure is
 * never retried.
 */
public record RetrySchedule(int maxRetries, Duration baseDelay) {

    public Optional<Duration> delayAfter(int failedAttempts, Throwable error) {
        if (PermanentFailure.isPermanent(error) || failedAttempts > maxRetries) {
            return Optional.empty();
        }
        return Optional.of(baseDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 30)));
    }
}
