package io.billhook.retention.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    private static RetentionPolicy policy(Optional<Duration> personalData, Duration events) {
        return new RetentionPolicy(Duration.ofDays(30), personalData, events, Duration.ofDays(90), Duration.ofDays(30),
                Duration.ofDays(30));
    }

    @Test
    void eachKindIsCutOffItsOwnPeriodBeforeNow() {
        var policy = policy(Optional.of(Duration.ofDays(7)), Duration.ofDays(400));
        assertEquals(Instant.parse("2026-11-04T00:00:00Z"), policy.payloadsBefore(NOW));
        assertEquals(Optional.of(Instant.parse("2026-11-27T00:00:00Z")), policy.personalDataBefore(NOW));
        assertEquals(Instant.parse("2025-10-30T00:00:00Z"), policy.eventsBefore(NOW));
        assertEquals(Instant.parse("2026-09-05T00:00:00Z"), policy.attemptsBefore(NOW));
    }

    @Test
    void personalDataIsNotMaskedSeparatelyWhenThePayloadGoesFirst() {
        assertTrue(policy(Optional.of(Duration.ofDays(60)), Duration.ofDays(400)).personalDataBefore(NOW).isEmpty());
        assertTrue(policy(Optional.empty(), Duration.ofDays(400)).personalDataBefore(NOW).isEmpty());
    }

    @Test
    void rowsMustOutliveTheProvidersRedeliveries() {
        var refused = assertThrows(IllegalArgumentException.class, () -> policy(Optional.empty(), Duration.ofDays(3)));
        assertTrue(refused.getMessage().startsWith("BILLHOOK_RETENTION_EVENTS must be at least 7d"), refused.getMessage());
    }

    @Test
    void aPeriodOfZeroIsRefusedWithItsSettingsName() {
        var refused = assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ZERO, Optional.empty(),
                Duration.ofDays(400), Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(30)));
        assertTrue(refused.getMessage().startsWith("BILLHOOK_RETENTION_PAYLOADS"), refused.getMessage());
    }
}
