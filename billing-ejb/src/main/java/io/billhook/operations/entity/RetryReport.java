package io.billhook.operations.entity;

import java.util.List;

/** What a bulk retry matched and did; a dry run did nothing and says, per event, what it would do. */
public record RetryReport(boolean dryRun, int matched, int requeued, List<Long> ids, List<Planned> events) {

    public record Planned(long id, String provider, String type, String lastError, String action) {
    }
}
