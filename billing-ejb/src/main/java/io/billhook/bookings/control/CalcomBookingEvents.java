package io.billhook.bookings.control;

import io.billhook.Jsonp;
import io.billhook.bookings.entity.Booking;
import io.billhook.bookings.entity.BookingSnapshot;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.companies.control.PhoneNumbers;
import io.billhook.companies.entity.PhoneNumber;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.handling.entity.UnresolvedCompany;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cal.com booking events. The company is the one its event type, organizer or team is mapped to, else the
 * owner of an attendee's phone number; otherwise the event waits in quarantine for the mapping.
 */
@Dependent
public class CalcomBookingEvents implements EventHandler {

    /** Other triggers declare nothing: they are acknowledged and IGNORED. */
    @Override
    public List<EventType> handles() {
        String booking = "records the booking for the company its event type, organizer or team is mapped to (or"
                + " an attendee's number belongs to); waits in quarantine for the mapping";
        return List.of(
                trigger("BOOKING_CREATED", booking),
                trigger("BOOKING_REQUESTED", booking + "; status pending"),
                trigger("BOOKING_RESCHEDULED", booking + "; links it to the booking it replaces"),
                trigger("BOOKING_CANCELLED", booking + "; status cancelled, with the reason"),
                trigger("BOOKING_REJECTED", booking + "; status rejected"),
                trigger("BOOKING_PAID", booking + "; marks it paid"),
                trigger("MEETING_ENDED", booking + "; records when the meeting ended"));
    }

    private EventType trigger(String trigger, String effect) {
        return new EventType(Provider.CALCOM, trigger, effect, received -> apply(received.type(), received.payload()));
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyDirectory companies;

    @Inject
    PhoneNumbers phoneNumbers;

    /**
     * Whether a booking no mapping places goes to the company owning the phone number an attendee typed. Off by
     * default: a booker must not choose whom a booking is billed to. Several such companies are never chosen from.
     */
    @Inject
    @ConfigProperty(name = "BILLHOOK_CALCOM_BY_ATTENDEE_PHONE", defaultValue = "false")
    boolean byAttendeePhone;

    public Outcome apply(String trigger, String payload) {
        JsonObject body = body(payload);
        JsonObject booking = body.get("payload") instanceof JsonObject p ? p : body;
        String uid = string(booking, "uid");
        if (uid == null) {
            throw new PermanentFailure(trigger + " without a booking uid");
        }
        long companyId = companyOf(booking);
        Booking record = booking(uid, companyId);
        record.accept(snapshot(booking, statusOf(trigger, booking)));
        switch (trigger) {
            case "BOOKING_RESCHEDULED" -> {
                String previous = string(booking, "rescheduleUid");
                if (previous != null) {
                    record.rescheduledFrom(previous);
                    booking(previous, companyId).rescheduledTo(uid);
                }
            }
            case "BOOKING_PAID" -> record.paid();
            case "MEETING_ENDED" -> record.meetingEnded(time(booking, "endTime").orElse(OffsetDateTime.now()));
            default -> { }
        }
        return Outcome.applied(companyId);
    }

    private Booking booking(String uid, long companyId) {
        em.createNativeQuery("INSERT INTO booking (uid, company_id, status) VALUES (?1, ?2, 'PENDING') "
                        + "ON CONFLICT (uid) DO NOTHING")
                .setParameter(1, uid)
                .setParameter(2, companyId)
                .executeUpdate();
        return em.find(Booking.class, uid, LockModeType.PESSIMISTIC_WRITE);
    }

    private static String statusOf(String trigger, JsonObject booking) {
        return switch (trigger) {
            case "BOOKING_REQUESTED" -> "PENDING";
            case "BOOKING_CANCELLED" -> "CANCELLED";
            case "BOOKING_REJECTED" -> "REJECTED";
            case "BOOKING_CREATED", "BOOKING_RESCHEDULED" -> Optional.ofNullable(string(booking, "status")).orElse("ACCEPTED");
            default -> null;
        };
    }

    long companyOf(JsonObject booking) {
        String eventType = string(booking, "eventTypeId");
        String organizer = booking.get("organizer") instanceof JsonObject o ? string(o, "email") : null;
        String team = booking.get("team") instanceof JsonObject t ? string(t, "id") : null;
        Optional<Long> mapped = Optional.<Long>empty()
                .or(() -> eventType == null ? Optional.empty() : companies.companyOfCalcom("event_type", eventType))
                .or(() -> organizer == null ? Optional.empty() : companies.companyOfCalcom("organizer", organizer))
                .or(() -> team == null ? Optional.empty() : companies.companyOfCalcom("team", team));
        if (mapped.isPresent()) {
            return mapped.get();
        }
        Set<Long> owners = byAttendeePhone
                ? phones(booking).stream().map(companies::companyOfPhone).flatMap(Optional::stream).collect(Collectors.toSet())
                : Set.of();
        if (owners.size() == 1) {
            return owners.iterator().next();
        }
        QuarantineKey key = eventType != null ? QuarantineKey.calcom("event_type", eventType)
                : organizer != null ? QuarantineKey.calcom("organizer", organizer)
                : team != null ? QuarantineKey.calcom("team", team) : null;
        throw new UnresolvedCompany(key, owners.size() > 1
                ? "the attendees' phone numbers belong to " + owners.size() + " companies; map the booking's event type "
                        + eventType + ", organizer " + organizer + " or team " + team
                : "no company is mapped to the booking's event type " + eventType + ", organizer " + organizer + " or team "
                        + team + (byAttendeePhone ? ", nor owns an attendee's phone number" : ""));
    }

    /** The places Cal.com may put a phone number: attendees, the booking form's answers, the SMS reminder. */
    List<PhoneNumber> phones(JsonObject booking) {
        List<String> candidates = new ArrayList<>();
        if (booking.get("attendees") instanceof JsonArray attendees) {
            attendees.forEach(a -> {
                if (a instanceof JsonObject attendee) {
                    candidates.add(string(attendee, "phoneNumber"));
                }
            });
        }
        if (booking.get("responses") instanceof JsonObject responses) {
            if (responses.get("attendeePhoneNumber") instanceof JsonObject phone) {
                candidates.add(string(phone, "value"));
            }
            if (responses.get("location") instanceof JsonObject location && location.get("value") instanceof JsonObject value) {
                candidates.add(string(value, "optionValue"));
            }
        }
        candidates.add(string(booking, "smsReminderNumber"));
        return candidates.stream().map(phoneNumbers::parse).flatMap(Optional::stream).distinct().toList();
    }

    BookingSnapshot snapshot(JsonObject booking, String status) {
        JsonObject attendee = booking.get("attendees") instanceof JsonArray attendees && !attendees.isEmpty()
                && attendees.get(0) instanceof JsonObject first ? first : null;
        List<PhoneNumber> phones = phones(booking);
        return new BookingSnapshot(status, number(booking, "bookingId"), string(booking, "title"),
                number(booking, "eventTypeId"), time(booking, "startTime").orElse(null), time(booking, "endTime").orElse(null),
                booking.get("organizer") instanceof JsonObject o ? string(o, "email") : null,
                attendee == null ? null : string(attendee, "name"), attendee == null ? null : string(attendee, "email"),
                phones.isEmpty() ? null : phones.get(0).e164(), string(booking, "cancellationReason"));
    }

    private static JsonObject body(String payload) {
        try {
            return Jsonp.PROVIDER.createReader(new StringReader(payload)).readObject();
        } catch (JsonException | ClassCastException e) {
            throw new PermanentFailure("not a Cal.com event: " + e.getMessage(), e);
        }
    }

    static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value instanceof JsonString text) {
            return text.getString().isBlank() ? null : text.getString();
        }
        return value instanceof JsonNumber number ? number.toString() : null;
    }

    private static Long number(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonNumber number ? number.longValue() : null;
    }

    private static Optional<OffsetDateTime> time(JsonObject json, String name) {
        String text = string(json, name);
        try {
            return text == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
