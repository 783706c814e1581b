package io.billhook.processing.entity;

import java.util.List;
import java.util.Set;

/** What the transaction of one wake-up message did: the events it applied, and those it left to be processed alone. */
public record Batch(List<Applied> applied, Set<Long> alone) {

    public static Batch rolledBack(List<Long> webhookEventIds) {
        return new Batch(List.of(), Set.copyOf(webhookEventIds));
    }
}
