package io.billhook.reconciliation.entity;

import java.util.List;

/**
 * What a reconciliation compared and found: the customers, how many objects of each kind Stripe listed, every drift,
 * and of those how many a repair removed and how many it kept (the local state ahead of Stripe's listing).
 */
public record ReconcileReport(boolean repair, int customers, int subscriptions, int invoices, long repaired, long kept,
                              List<Drift> drifts) {

    public ReconcileReport {
        drifts = List.copyOf(drifts);
    }

    public static ReconcileReport of(boolean repair, int customers, int subscriptions, int invoices, List<Drift> drifts) {
        return new ReconcileReport(repair, customers, subscriptions, invoices,
                drifts.stream().filter(drift -> drift.repair() == Drift.Repair.REPAIRED).count(),
                drifts.stream().filter(drift -> drift.repair() == Drift.Repair.KEPT).count(), drifts);
    }
}
