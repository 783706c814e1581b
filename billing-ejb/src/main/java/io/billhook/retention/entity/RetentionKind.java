package io.billhook.retention.entity;

/** What a retention pass removes or masks, in the order it does so; each is counted by itself. */
public enum RetentionKind {
    /** finished events' rows, with their attempts and duplicates */
    EVENTS,
    /** finished events' payloads, replaced by a stub */
    PAYLOADS,
    /** the personal data in finished events' payloads */
    PERSONAL_DATA,
    ATTEMPTS,
    DUPLICATES,
    /** the samples of refused requests and their counts by minute */
    REJECTIONS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
