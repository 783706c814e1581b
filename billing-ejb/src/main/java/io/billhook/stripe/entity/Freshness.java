package io.billhook.stripe.entity;

/**
 * Stripe delivers events in any order. A snapshot of an object may set its state only if it is not behind
 * the state already applied: a further step in the object's own progression ({@code rank}) always wins;
 * within one step the event's {@code created} time decides, ties going to the later delivery.
 */
public final class Freshness {

    private Freshness() {
    }

    public static boolean accepts(int currentRank, long currentCreated, int rank, long created) {
        return rank > currentRank || rank == currentRank && created >= currentCreated;
    }
}
