package io.billhook.operations.entity;

import io.billhook.processing.entity.EffectPreview;
import java.util.List;

/**
 * What a bulk retry matched and did; a dry run did nothing and says, per event, what it would do: for the first
 * {@link #PREVIEWED} events also what each would change, each as if it were retried alone.
 */
public record RetryReport(boolean dryRun, int matched, int requeued, List<Long> ids, List<Planned> events) {

    public static final int PREVIEWED = 100;

    /** {@code effects} null beyond the first {@link #PREVIEWED}. */
    public record Planned(long id, String provider, String type, String lastError, String action, EffectPreview effects) {

        public Planned with(EffectPreview found) {
            return new Planned(id, provider, type, lastError, action, found);
        }
    }
}
