package io.billhook.handling.entity;

import java.util.Locale;
import java.util.Objects;

/**
 * What an event whose company cannot be resolved yet waits for: a Stripe customer, a phone number, or a Cal.com
 * organizer, team or event type, linked to a company. The event is quarantined under this key and released when
 * the key is linked.
 */
public record QuarantineKey(Kind kind, String value) {

    public enum Kind {
        STRIPE_CUSTOMER, PHONE_NUMBER, CALCOM_ORGANIZER, CALCOM_TEAM, CALCOM_EVENT_TYPE;

        public boolean isCalcom() {
            return name().startsWith("CALCOM_");
        }

        /** The Cal.com mapping kinds as the admin API names them: organizer, team, event_type. */
        public static Kind calcom(String mappingKind) {
            return valueOf("CALCOM_" + mappingKind.toUpperCase(Locale.ROOT));
        }
    }

    public QuarantineKey {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(value);
    }

    public static QuarantineKey stripeCustomer(String stripeCustomerId) {
        return new QuarantineKey(Kind.STRIPE_CUSTOMER, stripeCustomerId);
    }

    public static QuarantineKey phoneNumber(String e164) {
        return new QuarantineKey(Kind.PHONE_NUMBER, e164);
    }

    /** An organizer is an email address, which is one address however it is capitalised. */
    public static QuarantineKey calcom(String mappingKind, String value) {
        Kind kind = Kind.calcom(mappingKind);
        return new QuarantineKey(kind, kind == Kind.CALCOM_ORGANIZER ? value.toLowerCase(Locale.ROOT) : value);
    }

    /** One name per key, for the advisory lock that orders a quarantine and the link that releases it. */
    public String lockName() {
        return kind.name() + ":" + value;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
