package io.billhook.rejections.entity;

import io.billhook.handling.entity.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A request refused before anything was stored: what operators look at to spot forged traffic or a wrong secret.
 * Every one is counted by its {@link Kind}; a bounded sample of them is kept one by one.
 */
public record Rejection(Provider provider, String reason, int httpStatus, long bodyBytes, String remoteAddress,
                        String correlationId, Instant receivedAt) {

    /** What refusals are counted by: the minute, provider, reason and answer. */
    public record Kind(Instant minute, String provider, String reason, int httpStatus) {
    }

    /** How many of a kind, and when the first of them came (what a statistics "since" compares with). */
    public record Count(long rejections, Instant first) {

        public Count plus(Count other) {
            return new Count(rejections + other.rejections, first.isBefore(other.first) ? first : other.first);
        }
    }

    public static Rejection now(Provider provider, String reason, int httpStatus, long bodyBytes, String remoteAddress,
                                String correlationId) {
        return new Rejection(provider, reason, httpStatus, bodyBytes, remoteAddress, correlationId, Instant.now());
    }

    public Kind kind() {
        return new Kind(receivedAt.truncatedTo(ChronoUnit.MINUTES), provider.key(), reason, httpStatus);
    }

    public boolean failedItsSignature() {
        return reason.endsWith("-signature");
    }
}
