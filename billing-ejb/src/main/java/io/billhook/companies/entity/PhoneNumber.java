package io.billhook.companies.entity;

import io.billhook.handling.entity.QuarantineKey;
import java.util.Optional;

/**
 * A phone number in E.164: {@code +} and 7 to 15 digits, the first not 0. Spaces, dashes, dots, slashes and
 * parentheses are dropped and a leading {@code 00} becomes {@code +}, so "+49 30 1234567", "0049-30-1234567"
 * and "+49301234567" are one number. A number without a country code cannot be placed and is not one.
 */
public record PhoneNumber(String e164) {

    public PhoneNumber {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 phone number: " + e164);
        }
    }

    public static Optional<PhoneNumber> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.strip().replaceAll("[\\s().\\-/]", "");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return compact.matches("\\+[1-9][0-9]{6,14}") ? Optional.of(new PhoneNumber(compact)) : Optional.empty();
    }

    /** What a quarantined event waits for when this number is its only way to a company. */
    public QuarantineKey quarantineKey() {
        return QuarantineKey.phoneNumber(e164);
    }
}
