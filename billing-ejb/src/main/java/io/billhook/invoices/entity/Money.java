package io.billhook.invoices.entity;

import java.util.Locale;
import java.util.Objects;

/** An amount in the currency's minor unit (cents), as Stripe sends it, with its ISO currency code. */
public record Money(long minorUnits, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toUpperCase(Locale.ROOT);
    }

    public static Money of(Long minorUnits, String currency) {
        return new Money(minorUnits == null ? 0 : minorUnits, currency);
    }
}
