package io.billhook.bookings.entity;

import java.time.OffsetDateTime;

/** What one Cal.com event says about its booking. */
public record BookingSnapshot(String status, Long bookingId, String title, Long eventTypeId, OffsetDateTime startTime,
                              OffsetDateTime endTime, String organizerEmail, String attendeeName, String attendeeEmail,
                              String attendeePhone, String cancellationReason) {
}
