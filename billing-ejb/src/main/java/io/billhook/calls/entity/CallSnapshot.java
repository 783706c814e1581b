package io.billhook.calls.entity;

import java.time.OffsetDateTime;

/** What one Retell event says about its call. */
public record CallSnapshot(String status, String callType, String agentId, String direction, String fromNumber,
                           String toNumber, OffsetDateTime startedAt, OffsetDateTime endedAt, Long durationMs,
                           String disconnectionReason, Long costCents, String summary, String sentiment) {
}
