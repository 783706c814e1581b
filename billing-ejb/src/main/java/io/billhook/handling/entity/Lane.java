package io.billhook.handling.entity;

import java.util.Set;

/**
 * Processing priority of an event, carried as the JMS priority of its wake-up message.
 * Call and booking events are what a customer waits for; money movements come next;
 * catalogue and preview events can wait behind any backlog.
 */
public enum Lane {
    HIGH(8), MEDIUM(5), LOW(1);

    /** Stripe object families whose events move money or change what a customer is billed. */
    private static final Set<String> STRIPE_MEDIUM_FAMILIES = Set.of(
            "payment_intent", "invoice", "invoiceitem", "invoice_payment", "charge", "refund",
            "customer", "checkout", "payment_method", "setup_intent", "subscription_schedule",
            "credit_note", "mandate", "source", "billing");

    /** Informational events inside otherwise medium families. */
    private static final Set<String> STRIPE_LOW_TYPES = Set.of("invoice.upcoming", "customer.discount.created",
            "customer.discount.deleted", "customer.discount.updated", "customer.tax_id.created",
            "customer.tax_id.deleted", "customer.tax_id.updated", "customer.source.expiring",
            "invoiceitem.deleted", "invoice.overdue", "invoice.will_be_due");

    private final int jmsPriority;

    Lane(int jmsPriority) {
        this.jmsPriority = jmsPriority;
    }

    public int jmsPriority() {
        return jmsPriority;
    }

    public static Lane of(Provider provider, String eventType) {
        return switch (provider) {
            case RETELL, CALCOM -> HIGH;
            case STRIPE -> stripe(eventType);
        };
    }

    /** A thin event's type names the snapshot type it stands for behind {@code v1.} ({@code v1.invoice.paid}). */
    private static Lane stripe(String eventType) {
        String type = eventType.startsWith("v1.") ? eventType.substring(3) : eventType;
        if (STRIPE_LOW_TYPES.contains(type)) {
            return LOW;
        }
        int dot = type.indexOf('.');
        String family = dot < 0 ? type : type.substring(0, dot);
        return STRIPE_MEDIUM_FAMILIES.contains(family) ? MEDIUM : LOW;
    }
}
