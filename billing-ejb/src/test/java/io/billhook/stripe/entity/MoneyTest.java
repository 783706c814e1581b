package io.billhook.stripe.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void majorUnitsFollowTheCurrencysDecimals() {
        assertEquals("99.00", Money.of(9900L, "usd").major().toPlainString());
        assertEquals("0.05", Money.of(5L, "eur").major().toPlainString());
        assertEquals("500", Money.of(500L, "jpy").major().toPlainString());
        assertEquals("1.250", Money.of(1250L, "kwd").major().toPlainString());
        assertEquals("-12.34", Money.of(-1234L, "gbp").major().toPlainString());
    }

    @Test
    void printsAsAmountAndCode() {
        assertEquals("99.00 USD", Money.of(9900L, "usd").toString());
    }
}
