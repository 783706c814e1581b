package io.billhook.calls.entity;

import java.time.Instant;
import java.util.List;

/**
 * What a reconciliation of calls found: the calls Retell listed since a moment, how many of their events it stored
 * and how many were stored already, the calls still going on (left to their webhooks), and the first calls that no
 * webhook had brought.
 */
public record CallReconciliation(Instant since, long calls, long stored, long alreadyStored, long notEnded,
                                 List<String> firstMissing) {

    /** How many call ids the report lists; the counts cover them all. */
    public static final int LISTED = 100;

    public CallReconciliation {
        firstMissing = List.copyOf(firstMissing);
    }
}
