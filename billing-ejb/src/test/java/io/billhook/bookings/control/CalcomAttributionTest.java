package io.billhook.bookings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.companies.control.CompanyDirectory;
import io.billhook.companies.control.PhoneNumbers;
import io.billhook.companies.entity.PhoneNumber;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.handling.entity.UnresolvedCompany;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whom a booking no mapping places is billed to: never to a company only because an attendee typed its number. */
class CalcomAttributionTest {

    private static final Map<String, Long> OWNERS = Map.of("+49301111111", 7L, "+49302222222", 8L);

    @Test
    void anAttendeesNumberPlacesNothingUnlessThatIsSwitchedOn() {
        UnresolvedCompany unresolved = assertThrows(UnresolvedCompany.class,
                () -> events(false).companyOf(booking("+49 30 1111111")));
        assertEquals(new QuarantineKey(QuarantineKey.Kind.CALCOM_EVENT_TYPE, "55"), unresolved.key());
        assertEquals(7L, events(true).companyOf(booking("+49 30 1111111")));
    }

    @Test
    void numbersOfSeveralCompaniesAreAmbiguousAndWaitForAMapping() {
        UnresolvedCompany unresolved = assertThrows(UnresolvedCompany.class,
                () -> events(true).companyOf(booking("+49 30 1111111", "+49 30 2222222")));
        assertEquals(QuarantineKey.Kind.CALCOM_EVENT_TYPE, unresolved.key().kind());
        assertTrue(unresolved.getMessage().contains("belong to 2 companies"), unresolved.getMessage());
    }

    private static CalcomBookingEvents events(boolean byAttendeePhone) {
        CalcomBookingEvents events = new CalcomBookingEvents();
        events.companies = new CompanyDirectory() {
            @Override
            public Optional<Long> companyOfCalcom(String kind, String value) {
                return Optional.empty();
            }

            @Override
            public Optional<Long> companyOfPhone(PhoneNumber number) {
                return Optional.ofNullable(OWNERS.get(number.e164()));
            }
        };
        events.phoneNumbers = new PhoneNumbers() {
            @Override
            public Optional<PhoneNumber> parse(String raw) {
                return PhoneNumber.parse(raw);
            }
        };
        events.byAttendeePhone = byAttendeePhone;
        return events;
    }

    private static JsonObject booking(String... phones) {
        StringBuilder attendees = new StringBuilder();
        for (String phone : phones) {
            attendees.append(attendees.length() == 0 ? "" : ",").append("{\"name\":\"A\",\"phoneNumber\":\"").append(phone).append("\"}");
        }
        return Json.createReader(new StringReader("{\"uid\":\"u1\",\"eventTypeId\":55,\"organizer\":{\"email\":\"o@example.com\"},"
                + "\"attendees\":[" + attendees + "]}")).readObject();
    }
}
