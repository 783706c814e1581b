package io.billhook.backfill.entity;

import io.billhook.processing.entity.EffectPreview;
import java.util.List;
import java.util.Map;

/**
 * What a dry run found: the events Stripe has that are not stored here, by type, and the first of their ids; for the
 * oldest {@link #PREVIEWED} of them also what processing each would change, each as if it came alone. Nothing was
 * stored.
 */
public record MissingEvents(long fetched, long alreadyStored, long missing, Map<String, Long> missingByType,
                            List<String> firstMissing, List<Preview> previews) {

    /** How many ids a dry run lists; the counts cover them all. */
    public static final int LISTED = 1000;

    /** How many missing events a dry run runs through their handlers. */
    public static final int PREVIEWED = 20;

    public record Preview(String eventId, String type, EffectPreview effects) {
    }
}
