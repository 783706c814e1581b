package io.billhook.companies.entity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.billhook.handling.entity.QuarantineKey;
import java.util.Optional;

/**
 * A phone number in E.164: {@code +} and 7 to 15 digits, the first not 0. Numbers are read by libphonenumber, so
 * the ways people write them are one number: "+49 30 1234567", "+49 (0)30 1234567", "0049-30-1234567" and
 * "+49301234567". A number without a country code is placed in the default region when one is configured;
 * without it, it cannot be placed and is not one. Letters are not read as digits: a name is not a number.
 */
public record PhoneNumber(String e164) {

    /** libphonenumber's region for "none": only numbers with a country code are read. */
    private static final String NO_REGION = "ZZ";

    public PhoneNumber {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 phone number: " + e164);
        }
    }

    /** Only numbers with a country code. */
    public static Optional<PhoneNumber> parse(String raw) {
        return parse(raw, Optional.empty());
    }

    /** {@code defaultRegion}: the ISO 3166 code (DE, US, …) of numbers written without a country code. */
    public static Optional<PhoneNumber> parse(String raw, Optional<String> defaultRegion) {
        if (raw == null || raw.isBlank() || raw.chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        String written = raw.strip();
        if (defaultRegion.isEmpty() && written.startsWith("00")) {
            // the international prefix most of the world dials; without a region libphonenumber knows none
            written = "+" + written.substring(2);
        }
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        try {
            var number = numbers.parse(written, defaultRegion.orElse(NO_REGION));
            if (!numbers.isPossibleNumber(number)) {
                return Optional.empty();
            }
            String e164 = numbers.format(number, PhoneNumberFormat.E164);
            return e164.matches("\\+[1-9][0-9]{6,14}") ? Optional.of(new PhoneNumber(e164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** What a quarantined event waits for when this number is its only way to a company. */
    public QuarantineKey quarantineKey() {
        return QuarantineKey.phoneNumber(e164);
    }
}
