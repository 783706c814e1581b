package io.billhook.bookings.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A Cal.com booking. Requested, then accepted; rescheduled (it moved to another uid), cancelled and rejected
 * are final. Payment and the end of the meeting only ever become true.
 */
@Entity
@Table(name = "booking")
public class Booking {

    @Id
    private String uid;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "booking_id")
    private Long bookingId;

    private String status;

    private String title;

    @Column(name = "event_type_id")
    private Long eventTypeId;

    @Column(name = "start_time")
    private OffsetDateTime startTime;

    @Column(name = "end_time")
    private OffsetDateTime endTime;

    @Column(name = "organizer_email")
    private String organizerEmail;

    @Column(name = "attendee_name")
    private String attendeeName;

    @Column(name = "attendee_email")
    private String attendeeEmail;

    @Column(name = "attendee_phone")
    private String attendeePhone;

    @Column(name = "rescheduled_from")
    private String rescheduledFrom;

    @Column(name = "rescheduled_to")
    private String rescheduledTo;

    @Column(name = "cancellation_reason")
    private String cancellationReason;

    private boolean paid;

    @Column(name = "meeting_ended_at")
    private OffsetDateTime meetingEndedAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Booking() {
    }

    static int rank(String status) {
        return switch (status) {
            case "PENDING" -> 0;
            case "ACCEPTED" -> 1;
            default -> 2;
        };
    }

    /** Takes the booking's details; its status only when that is a step forward. */
    public void accept(BookingSnapshot booking) {
        if (status == null || booking.status() != null && rank(booking.status()) > rank(status)) {
            status = booking.status();
        }
        bookingId = booking.bookingId() != null ? booking.bookingId() : bookingId;
        title = booking.title() != null ? booking.title() : title;
        eventTypeId = booking.eventTypeId() != null ? booking.eventTypeId() : eventTypeId;
        startTime = booking.startTime() != null ? booking.startTime() : startTime;
        endTime = booking.endTime() != null ? booking.endTime() : endTime;
        organizerEmail = booking.organizerEmail() != null ? booking.organizerEmail() : organizerEmail;
        attendeeName = booking.attendeeName() != null ? booking.attendeeName() : attendeeName;
        attendeeEmail = booking.attendeeEmail() != null ? booking.attendeeEmail() : attendeeEmail;
        attendeePhone = booking.attendeePhone() != null ? booking.attendeePhone() : attendeePhone;
        cancellationReason = booking.cancellationReason() != null ? booking.cancellationReason() : cancellationReason;
        updatedAt = OffsetDateTime.now();
    }

    public void rescheduledFrom(String previousUid) {
        rescheduledFrom = previousUid;
    }

    /** The booking moved to {@code newUid}: this one is over. */
    public void rescheduledTo(String newUid) {
        rescheduledTo = newUid;
        status = "RESCHEDULED";
        updatedAt = OffsetDateTime.now();
    }

    public void paid() {
        paid = true;
        updatedAt = OffsetDateTime.now();
    }

    public void meetingEnded(OffsetDateTime at) {
        if (meetingEndedAt == null) {
            meetingEndedAt = at;
        }
        updatedAt = OffsetDateTime.now();
    }
}
