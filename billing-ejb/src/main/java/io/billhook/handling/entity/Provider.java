package io.billhook.handling.entity;

import java.util.Locale;

/** A system that sends us webhooks; stored in lower case, as it appears in the URL. */
public enum Provider {
    STRIPE, RETELL, CALCOM;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
