package io.billhook.reconciliation.entity;

import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one object a reconciliation compares, written alike on both sides: statuses and currencies in lower
 * case as Stripe writes them, amounts in minor units, times in epoch seconds, absent values as {@code null}.
 */
public record MirrorState(MirroredObject kind, String id, Map<String, String> fields) {

    public MirrorState {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static MirrorState of(Invoice invoice) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", lower(invoice.getStatus()));
        fields.put("currency", lower(invoice.getCurrency()));
        fields.put("amount_due", text(invoice.getAmountDue()));
        fields.put("amount_paid", text(invoice.getAmountPaid()));
        fields.put("amount_remaining", text(invoice.getAmountRemaining()));
        fields.put("attempt_count", text(invoice.getAttemptCount() == null ? 0L : invoice.getAttemptCount()));
        return new MirrorState(MirroredObject.INVOICES, invoice.getId(), fields);
    }

    /** The period is the first item's: since API version 2025-03-31 Stripe keeps it on the items. */
    public static MirrorState of(Subscription subscription) {
        SubscriptionItem first = subscription.getItems() == null || subscription.getItems().getData() == null
                || subscription.getItems().getData().isEmpty() ? null : subscription.getItems().getData().get(0);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", lower(subscription.getStatus()));
        fields.put("cancel_at_period_end", Boolean.toString(Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd())));
        fields.put("current_period_start", first == null ? null : text(first.getCurrentPeriodStart()));
        fields.put("current_period_end", first == null ? null : text(first.getCurrentPeriodEnd()));
        fields.put("canceled_at", text(subscription.getCanceledAt()));
        return new MirrorState(MirroredObject.SUBSCRIPTIONS, subscription.getId(), fields);
    }

    public static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }
}
