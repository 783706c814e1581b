package io.billhook.processing.entity;

import java.util.List;

/**
 * What processing an event would do, found by running its handler in a transaction that is then rolled back: the
 * verdict, why (for anything but {@link Verdict#APPLY}), and the domain rows it would insert or change.
 */
public record EffectPreview(Verdict verdict, String detail, List<RowChange> changes) {

    public enum Verdict {
        /** the handler applies it, with these changes (none: the state already holds what it says) */
        APPLY,
        /** the handler has nothing to do */
        IGNORE,
        /** the handler fails; a retry would fail again */
        FAIL,
        /** no company owns it yet; a retry would quarantine it */
        QUARANTINE,
        /** it needs something from the Stripe API first, which a dry run does not fetch */
        FETCH_FIRST
    }

    public EffectPreview {
        changes = List.copyOf(changes);
    }

    public static EffectPreview applying(List<RowChange> changes) {
        return new EffectPreview(Verdict.APPLY, null, changes);
    }

    public static EffectPreview ignoring(String reason) {
        return new EffectPreview(Verdict.IGNORE, reason, List.of());
    }

    public static EffectPreview without(Verdict verdict, String detail) {
        return new EffectPreview(verdict, detail, List.of());
    }
}
