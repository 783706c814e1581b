package io.billhook.stripe.entity;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** An amount in the currency's minor unit (cents), as Stripe sends it, with its ISO currency code. */
public record Money(long minorUnits, String currency) {

    /** Stripe's zero- and three-decimal currencies; every other currency has two decimals. */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    public Money {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toUpperCase(Locale.ROOT);
    }

    public static Money of(Long minorUnits, String currency) {
        return new Money(minorUnits == null ? 0 : minorUnits, currency);
    }

    /** The amount in major units with the currency's decimals: 9900 USD is 99.00, 500 JPY is 500. */
    public BigDecimal major() {
        return BigDecimal.valueOf(minorUnits, decimals());
    }

    private int decimals() {
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    @Override
    public String toString() {
        return major().toPlainString() + " " + currency;
    }
}
