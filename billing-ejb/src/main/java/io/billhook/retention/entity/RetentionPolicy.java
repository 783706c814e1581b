package io.billhook.retention.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long each kind of record is kept (docs/operations.md, "Retention"). Only finished events (PROCESSED,
 * IGNORED) lose their payload or their row; an event that may still be processed keeps everything.
 *
 * @param payloads     a finished event's payload is replaced by a stub this long after its receipt; its row, key and
 *                     effects stay, so a redelivery is still a duplicate
 * @param personalData if set, the personal data in a finished event's payload (names, e-mail addresses, phone
 *                     numbers, addresses, transcripts) is masked this long after its receipt
 * @param events       a finished event's row goes, with its attempts and duplicates, this long after its receipt
 * @param attempts     the attempt records of a finished event go this long after the attempt
 * @param duplicates   the record of a repeated delivery goes this long after it
 * @param rejections   the samples and counts of refused requests go this long after them
 */
public record RetentionPolicy(Duration payloads, Optional<Duration> personalData, Duration events, Duration attempts,
                             Duration duplicates, Duration rejections) {

    /**
     * Providers redeliver for days (Stripe for three): a row must outlive every redelivery of its event, or the
     * redelivery would be applied a second time.
     */
    public static final Duration SHORTEST_EVENT_RETENTION = Duration.ofDays(7);

    public RetentionPolicy {
        requirePositive("BILLHOOK_RETENTION_PAYLOADS", payloads);
        personalData.ifPresent(period -> requirePositive("BILLHOOK_RETENTION_PERSONAL_DATA", period));
        requirePositive("BILLHOOK_RETENTION_ATTEMPTS", attempts);
        requirePositive("BILLHOOK_RETENTION_DUPLICATES", duplicates);
        requirePositive("BILLHOOK_RETENTION_REJECTIONS", rejections);
        if (events.compareTo(SHORTEST_EVENT_RETENTION) < 0) {
            throw new IllegalArgumentException("BILLHOOK_RETENTION_EVENTS must be at least 7d: a provider's redelivery"
                    + " of an event whose row is gone would be processed again (it is " + events + ")");
        }
    }

    public Instant payloadsBefore(Instant now) {
        return now.minus(payloads);
    }

    /** Empty when personal data stays until the payload goes, or when the payload goes first anyway. */
    public Optional<Instant> personalDataBefore(Instant now) {
        return personalData.filter(period -> period.compareTo(payloads) < 0).map(now::minus);
    }

    public Instant eventsBefore(Instant now) {
        return now.minus(events);
    }

    public Instant attemptsBefore(Instant now) {
        return now.minus(attempts);
    }

    public Instant duplicatesBefore(Instant now) {
        return now.minus(duplicates);
    }

    public Instant rejectionsBefore(Instant now) {
        return now.minus(rejections);
    }

    private static void requirePositive(String setting, Duration period) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration such as 30d (it is " + period + ")");
        }
    }
}
