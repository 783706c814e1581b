package io.billhook.backfill.entity;

import java.util.List;
import java.util.Map;

/**
 * What a dry run found: the events Stripe has that are not stored here, by type, and the first of their ids; nothing
 * was stored.
 */
public record MissingEvents(long fetched, long alreadyStored, long missing, Map<String, Long> missingByType,
                            List<String> firstMissing) {

    /** How many ids a dry run lists; the counts cover them all. */
    public static final int LISTED = 1000;
}
