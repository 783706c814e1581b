package io.billhook.reconciliation.entity;

import java.util.Locale;

/** The kinds of Stripe object whose local mirrors a reconciliation compares. */
public enum MirroredObject {
    SUBSCRIPTIONS("subscription"),
    INVOICES("invoice");

    private final String singular;

    MirroredObject(String singular) {
        this.singular = singular;
    }

    public String singular() {
        return singular;
    }

    /** {@code subscriptions} or {@code invoices}, as the CLI and the API name them. */
    public static MirroredObject of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown object kind '" + name + "': subscriptions or invoices");
        }
    }
}
