package io.billhook.admin.boundary;

import io.billhook.configuration.DurationConverter;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.entity.WebhookStatus;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the admin API's query values; an unknown one is a 400 that names what is known, never an empty answer. */
final class AdminQuery {

    private AdminQuery() {
    }

    static Provider provider(String provider) {
        if (blank(provider)) {
            return null;
        }
        try {
            return Provider.fromKey(provider.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown provider '" + provider + "'; known: "
                    + Arrays.stream(Provider.values()).map(Provider::key).collect(Collectors.joining(", ")));
        }
    }

    static WebhookStatus status(String status) {
        if (blank(status)) {
            return null;
        }
        try {
            return WebhookStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown status '" + status + "'; known: "
                    + Arrays.stream(WebhookStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** What a bulk retry takes: FAILED events (without a value) or QUARANTINED ones. */
    static WebhookStatus requeueable(String status) {
        WebhookStatus chosen = status(status);
        if (chosen != null && chosen != WebhookStatus.FAILED && chosen != WebhookStatus.QUARANTINED) {
            throw new BadRequestException("a bulk retry takes status failed or quarantined, not '" + status + "'");
        }
        return chosen;
    }

    /** An ISO-8601 instant, or a date meaning through that day (UTC); null without a value. */
    static OffsetDateTime until(String until) {
        if (blank(until)) {
            return null;
        }
        try {
            return Instant.parse(until.trim()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(until.trim()).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                throw new BadRequestException("until must be an ISO-8601 instant (2026-12-31T18:00:00Z) or a date"
                        + " (2026-12-31, through that day), not '" + until + "'");
            }
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-27T09:00:00Z}) or a look-back ({@code 15m}, {@code 24h}, {@code 7d}). */
    static Instant since(String since) {
        if (blank(since)) {
            return null;
        }
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Instant.now().minus(new DurationConverter().convert(since));
            } catch (RuntimeException notADuration) {
                throw new BadRequestException("since must be an ISO-8601 instant (2026-11-27T09:00:00Z) or a look-back"
                        + " such as 15m, 24h or 7d, not '" + since + "'");
            }
        }
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit must be between 1 and 500, not " + limit);
        }
        return limit;
    }

    static Long cursor(String cursor) {
        if (blank(cursor)) {
            return null;
        }
        try {
            return Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("cursor must be a nextCursor this API returned, not '" + cursor + "'");
        }
    }

    static String type(String type) {
        return blank(type) ? null : type.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
