package io.billhook.companies.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.QuarantineKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void theUsualWaysOfWritingANumberAreOneNumber() {
        Optional<PhoneNumber> expected = Optional.of(new PhoneNumber("+49301234567"));
        for (String written : new String[] {"+49301234567", "+49 30 1234567", "0049 30 1234567", "+49 (30) 123-4567",
                "+49.30.123.45.67", " +49/30/1234567 "}) {
            assertEquals(expected, PhoneNumber.parse(written), written);
        }
    }

    @Test
    void aNumberWithoutCountryCodeOrWithLettersIsNone() {
        for (String written : new String[] {"030 1234567", "+0301234567", "+49 30 CALL-NOW", "", "+123", null}) {
            assertTrue(PhoneNumber.parse(written).isEmpty(), String.valueOf(written));
        }
        assertEquals(new QuarantineKey(QuarantineKey.Kind.PHONE_NUMBER, "+15555550100"),
                PhoneNumber.parse("+1 555 555 0100").orElseThrow().quarantineKey());
    }

    @Test
    void theNationalPrefixInParenthesesIsNotPartOfTheNumber() {
        assertEquals(Optional.of(new PhoneNumber("+49301234567")), PhoneNumber.parse("+49 (0)30 1234567"));
        assertEquals(Optional.of(new PhoneNumber("+442071234567")), PhoneNumber.parse("+44 (0)20 7123 4567"));
    }

    @Test
    void aNumberWithoutCountryCodeIsPlacedInTheDefaultRegion() {
        assertEquals(Optional.of(new PhoneNumber("+49301234567")), PhoneNumber.parse("030 1234567", Optional.of("DE")));
        assertEquals(Optional.of(new PhoneNumber("+49301234567")), PhoneNumber.parse("(030) 123 45 67", Optional.of("DE")));
        assertEquals(Optional.of(new PhoneNumber("+12125550123")), PhoneNumber.parse("+1 212 555 0123", Optional.of("DE")),
                "a country code wins over the default region");
        assertEquals(Optional.empty(), PhoneNumber.parse("030 1234567"), "without a region it cannot be placed");
    }
}
