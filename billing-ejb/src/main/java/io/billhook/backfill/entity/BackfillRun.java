package io.billhook.backfill.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A backfill as it stands: what was asked, what it fetched from Stripe, how many of those it stored for the first
 * time ({@code stored}, by type) and how many were already here ({@code alreadyStored}: delivered by webhook, or by
 * an earlier backfill).
 */
public record BackfillRun(long id, Instant requestedAt, Instant since, List<String> types, boolean undeliveredOnly,
                          BackfillStatus status, long fetched, long stored, long alreadyStored,
                          Map<String, Long> storedByType, String error, Instant finishedAt) {
}
